package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A server registration the manager refuses: unsafe URL, bad TLS material or a bad public key. */
public class InvalidServerException extends ApiException {

  static final URI UNSAFE_URL = ProblemTypes.of("unsafe-url");
  static final URI INVALID_TLS = ProblemTypes.of("invalid-tls-material");
  static final URI INVALID_KEY = ProblemTypes.of("invalid-public-key");

  private InvalidServerException(
      URI type, String title, String field, String reason, String detail) {
    super(HttpStatus.BAD_REQUEST, type, title, detail, Map.of("reason", reason, "field", field));
  }

  public static InvalidServerException url(String reason, String detail) {
    return new InvalidServerException(UNSAFE_URL, "URL refused", "url", reason, detail);
  }

  public static InvalidServerException tls(String reason, String detail) {
    return new InvalidServerException(
        INVALID_TLS, "Invalid TLS material", "tls_certificate", reason, detail);
  }

  public static InvalidServerException publicKey(String reason, String detail) {
    return new InvalidServerException(
        INVALID_KEY, "Invalid server public key", "server_public_key", reason, detail);
  }
}
