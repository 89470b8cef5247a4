package io.mcpmanager.mcp.broker;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.kit.error.RetryAfter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refused brokering request: 401 when the server's token does not prove who it is (or was used
 * before), 403 when the server is known but may not have the credential. {@code reason} says why.
 */
public class BrokerDeniedException extends ApiException {

  static final URI UNAUTHENTICATED = ProblemTypes.of("broker-unauthenticated");
  static final URI FORBIDDEN = ProblemTypes.of("broker-forbidden");
  static final URI THROTTLED = ProblemTypes.of("broker-throttled");

  private final String reason;

  BrokerDeniedException(HttpStatus status, URI type, String title, String reason, String detail) {
    super(status, type, title, detail, Map.of("reason", reason));
    this.reason = reason;
  }

  static BrokerDeniedException unauthenticated(String reason, String detail) {
    return new BrokerDeniedException(
        HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, "Server not authenticated", reason, detail);
  }

  static BrokerDeniedException forbidden(String reason, String detail) {
    return new BrokerDeniedException(
        HttpStatus.FORBIDDEN, FORBIDDEN, "Brokering refused", reason, detail);
  }

  /** The server used up its brokering budget (429 with {@code Retry-After}). */
  static BrokerDeniedException throttled(Duration retryAfter) {
    return new Throttled(retryAfter);
  }

  /** A refusal the server may retry once its budget has refilled. */
  static final class Throttled extends BrokerDeniedException implements RetryAfter {

    private final Duration retryAfter;

    Throttled(Duration retryAfter) {
      super(
          HttpStatus.TOO_MANY_REQUESTS,
          THROTTLED,
          "Brokering budget used up",
          "broker_budget_exceeded",
          "This server asked for more credentials than its budget allows; retry later");
      this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
      return retryAfter;
    }
  }

  public String reason() {
    return reason;
  }
}
