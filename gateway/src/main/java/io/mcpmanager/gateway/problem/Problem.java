package io.mcpmanager.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * RFC 9457 problem details body, as written on the wire; the ids are left out when there are none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    String instance,
    @JsonProperty("request_id") @Nullable String requestId,
    @JsonProperty("trace_id") @Nullable String traceId) {

  static Problem of(
      ProblemType type,
      String detail,
      String instance,
      @Nullable String requestId,
      @Nullable String traceId) {
    return new Problem(
        type.uri(), type.title(), type.status().value(), detail, instance, requestId, traceId);
  }
}
