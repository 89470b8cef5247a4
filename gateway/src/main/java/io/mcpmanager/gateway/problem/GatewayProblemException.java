package io.mcpmanager.gateway.problem;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/**
 * A failure the gateway answers itself, with a known problem type, a safe detail and the headers
 * that go with it (for example {@code Retry-After}).
 */
public class GatewayProblemException extends ResponseStatusException {

  private final ProblemType type;

  private final String detail;

  private final HttpHeaders headers;

  private GatewayProblemException(ProblemType type, String detail, HttpHeaders headers) {
    super(type.status(), detail);
    this.type = type;
    this.detail = detail;
    this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
  }

  public static GatewayProblemException rateLimited(Duration retryAfter) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(retryAfter));
    return new GatewayProblemException(
        ProblemType.RATE_LIMITED,
        "Too many requests. Retry after " + RetryAfter.seconds(retryAfter) + " seconds.",
        headers);
  }

  public static GatewayProblemException payloadTooLarge(DataSize limit) {
    return new GatewayProblemException(
        ProblemType.PAYLOAD_TOO_LARGE,
        "The request body exceeds the limit of " + limit.toBytes() + " bytes.",
        new HttpHeaders());
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return detail;
  }

  @Override
  public HttpHeaders getHeaders() {
    return headers;
  }
}
