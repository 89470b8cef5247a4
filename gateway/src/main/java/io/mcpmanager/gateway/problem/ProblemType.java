package io.mcpmanager.gateway.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The problem types the gateway answers with. Their URIs are part of the API: never rename a slug.
 */
public enum ProblemType {
  BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST),
  UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND),
  METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED),
  PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE),
  RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS),
  INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR),
  BAD_GATEWAY("bad-gateway", HttpStatus.BAD_GATEWAY),
  SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE),
  GATEWAY_TIMEOUT("gateway-timeout", HttpStatus.GATEWAY_TIMEOUT);

  private static final String BASE_URI = "https://mcp-manager.io/problems/";

  private final URI uri;

  private final HttpStatus status;

  ProblemType(String slug, HttpStatus status) {
    this.uri = URI.create(BASE_URI + slug);
    this.status = status;
  }

  public URI uri() {
    return uri;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return status.getReasonPhrase();
  }

  /** The type for a status the gateway has no dedicated type for. */
  public static ProblemType forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status.value() == status) {
        return type;
      }
    }
    return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
  }
}
