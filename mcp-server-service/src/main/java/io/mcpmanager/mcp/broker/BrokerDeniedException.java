package io.mcpmanager.mcp.broker;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refused brokering request: 401 when the server's token does not prove who it is (or was used
 * before), 403 when the server is known but may not have the credential. {@code reason} says why.
 */
public class BrokerDeniedException extends ApiException {

  static final URI UNAUTHENTICATED = ProblemTypes.of("broker-unauthenticated");
  static final URI FORBIDDEN = ProblemTypes.of("broker-forbidden");

  private final String reason;

  private BrokerDeniedException(
      HttpStatus status, URI type, String title, String reason, String detail) {
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

  public String reason() {
    return reason;
  }
}
