package io.mcpmanager.gateway.problem;

import java.net.URI;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** RFC 9457 problem details body, as written on the wire. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance,
		@JsonProperty("request_id") String requestId, @JsonProperty("trace_id") String traceId) {

	static Problem of(ProblemType type, String detail, String instance, String requestId, String traceId) {
		return new Problem(type.uri(), type.title(), type.status().value(), detail, instance, requestId, traceId);
	}

}
