package io.mcpmanager.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's OpenAPI document (the kit's springdoc set-up, the same in every service): public,
 * OpenAPI 3.1, the public API only, snake_case like the JSON on the wire, problem+json errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTests extends IntegrationServiceTestBase {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;

  private JsonNode document;

  @BeforeAll
  void readDocument() throws Exception {
    String body =
        mvc.perform(get("/v3/api-docs"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    document = json.readTree(body);
  }

  @Test
  void isAnOpenApi31DocumentReadableWithoutAToken() {
    assertThat(document.path("openapi").asString()).startsWith("3.1");
    assertThat(document.path("info").path("title").asString()).isEqualTo("integration-service");
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asString())
        .isEqualTo("bearer");
  }

  @Test
  void describesThePublicApiOnly() {
    List<String> paths = new ArrayList<>(document.path("paths").propertyNames());
    assertThat(paths).contains("/api/integrations", "/api/integrations/{id}");
    assertThat(paths).allMatch(path -> path.startsWith("/api/"));
  }

  @Test
  void namesFieldsAsTheyTravelAndHidesTheCallerResolvedFromTheToken() {
    JsonNode create = document.at("/components/schemas/CreateIntegrationRequest/properties");
    assertThat(create.propertyNames()).contains("access_token", "save_anyway");
    assertThat(create.propertyNames()).doesNotContain("accessToken");
    JsonNode listParameters = document.at("/paths/~1api~1integrations/get/parameters");
    listParameters.forEach(
        parameter -> assertThat(parameter.path("name").asString()).isNotIn("user", "id", "roles"));
  }

  @Test
  void letsOptionalPropertiesBeNullAsTheyAreWritten() {
    JsonNode expiresAt =
        document.at("/components/schemas/IntegrationAccountResponse/properties/expires_at");
    assertThat(expiresAt.path("type").isArray()).as(expiresAt.toString()).isTrue();
    assertThat(expiresAt.path("type").toString()).contains("\"null\"").contains("\"string\"");
  }

  @Test
  void documentsTheOAuthCallbackAsTheRedirectItIs() {
    JsonNode responses =
        document.at("/paths/~1api~1integrations~1{type}~1oauth~1callback/get/responses");
    assertThat(responses.propertyNames()).contains("302").doesNotContain("200");
  }

  @Test
  void everyOperationDocumentsItsProblemAnswers() {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        for (String status : List.of("400", "401", "404", "429", "503")) {
          JsonNode response = operation.getValue().path("responses").path(status);
          if (response.path("content").path("application/problem+json").isMissingNode()) {
            missing.add(operation.getKey() + " " + path.getKey() + " " + status);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(document.at("/components/schemas/Problem/properties").propertyNames())
        .contains("type", "title", "status", "detail");
  }
}
