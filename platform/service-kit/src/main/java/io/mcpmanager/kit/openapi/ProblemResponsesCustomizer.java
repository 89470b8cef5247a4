package io.mcpmanager.kit.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Documents the RFC 9457 problem answers every operation can give (the kit's ProblemHandler and the
 * security handlers produce them for every route), so a client or a fuzzer can rely on the document
 * for error statuses too. An operation's own description of a status wins.
 */
class ProblemResponsesCustomizer implements OpenApiCustomizer {

  static final String PROBLEM_JSON = "application/problem+json";
  static final String PROBLEM_SCHEMA = "Problem";

  /** Status → description of the answers common to every operation. */
  private static final Map<String, String> COMMON = new LinkedHashMap<>();

  static {
    COMMON.put("400", "The request is malformed or invalid; the problem names the field.");
    COMMON.put("401", "No valid bearer token, or a recent second factor is required.");
    COMMON.put("403", "The token lacks the scope or role the operation needs.");
    COMMON.put("404", "No such object owned by the caller.");
    COMMON.put("405", "The method is not allowed on this path.");
    COMMON.put("406", "None of the accepted media types can be produced.");
    COMMON.put("409", "The change conflicts with the object's current state.");
    COMMON.put("413", "The request body is too large.");
    COMMON.put("415", "The request body's media type is not supported.");
    COMMON.put("422", "The request is well-formed but cannot be carried out as asked.");
    COMMON.put("429", "Too many requests; retry after the time given in Retry-After.");
    COMMON.put("503", "A dependency is unavailable; retry after the time given in Retry-After.");
  }

  @Override
  public void customise(OpenAPI openApi) {
    if (openApi.getComponents().getSchemas() != null) {
      openApi.getComponents().getSchemas().values().forEach(ProblemResponsesCustomizer::nullable);
    }
    openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
    if (openApi.getPaths() == null) {
      return;
    }
    openApi.getPaths().values().stream()
        .map(PathItem::readOperations)
        .flatMap(List::stream)
        .forEach(ProblemResponsesCustomizer::addCommonResponses);
  }

  /**
   * An optional property may be null: the APIs write absent values as JSON {@code null}, and
   * springdoc does not read JSpecify's {@code @Nullable}.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void nullable(Schema schema) {
    Map<String, Schema> properties = schema.getProperties();
    if (properties == null) {
      return;
    }
    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
    for (Map.Entry<String, Schema> property : new LinkedHashMap<>(properties).entrySet()) {
      Schema value = property.getValue();
      if (required.contains(property.getKey())) {
        continue;
      }
      if (value.get$ref() != null) {
        properties.put(
            property.getKey(),
            new Schema<>()
                .anyOf(
                    List.of(
                        new Schema<>().$ref(value.get$ref()),
                        new Schema<>().types(Set.of("null")))));
      } else if (value.getTypes() != null && !value.getTypes().isEmpty()) {
        value.addType("null");
      }
    }
  }

  private static void addCommonResponses(Operation operation) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    COMMON.forEach(
        (status, description) -> {
          ApiResponse existing = operation.getResponses().get(status);
          if (existing == null) {
            operation.getResponses().addApiResponse(status, problemResponse(status, description));
          }
        });
  }

  private static ApiResponse problemResponse(String status, String description) {
    ApiResponse response =
        new ApiResponse()
            .description(description)
            .content(
                new Content()
                    .addMediaType(
                        PROBLEM_JSON,
                        new MediaType()
                            .schema(
                                new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    if ("429".equals(status) || "503".equals(status)) {
      response.addHeaderObject(
          "Retry-After",
          new Header().description("Seconds to wait before retrying.").schema(new IntegerSchema()));
    }
    return response;
  }

  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    ObjectSchema fieldError = new ObjectSchema();
    fieldError.addProperty("field", new StringSchema());
    fieldError.addProperty("message", new StringSchema());
    ObjectSchema problem = new ObjectSchema();
    problem.description("An RFC 9457 problem; further members may appear.");
    problem.addProperty("type", new StringSchema().format("uri"));
    problem.addProperty("title", new StringSchema());
    problem.addProperty("status", new IntegerSchema());
    problem.addProperty("detail", new StringSchema());
    problem.addProperty("instance", new StringSchema());
    problem.addProperty("trace_id", new StringSchema());
    problem.addProperty("errors", new ArraySchema().items(fieldError));
    return problem;
  }
}
