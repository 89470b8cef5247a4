package io.mcpmanager.kit.error;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A domain failure that maps to one problem type. Services subclass it with a factory per case
 * ({@code IntegrationNotFoundException.forId(id)}); the detail must never contain a secret.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final URI type;
  private final String title;
  private final String detail;
  private final Map<String, Object> properties;

  public ApiException(HttpStatus status, URI type, String title, String detail) {
    this(status, type, title, detail, Map.of());
  }

  public ApiException(
      HttpStatus status, URI type, String title, String detail, Map<String, Object> properties) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.properties = Map.copyOf(properties);
  }

  public HttpStatus status() {
    return status;
  }

  public URI type() {
    return type;
  }

  public String title() {
    return title;
  }

  /** The human explanation for the problem body; never carries a secret. */
  public String detail() {
    return detail;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
