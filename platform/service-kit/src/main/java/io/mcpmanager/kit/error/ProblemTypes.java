package io.mcpmanager.kit.error;

import java.net.URI;

/** Stable problem {@code type} URIs (RFC 9457). Clients may switch on these; never rename one. */
public final class ProblemTypes {

  public static final String BASE = "https://mcp-manager.io/problems/";

  public static final URI MALFORMED_REQUEST = of("malformed-request");
  public static final URI VALIDATION_FAILED = of("validation-failed");
  public static final URI UNAUTHORIZED = of("unauthorized");
  public static final URI FORBIDDEN = of("forbidden");
  public static final URI INSUFFICIENT_USER_AUTHENTICATION = of("insufficient-user-authentication");
  public static final URI NOT_FOUND = of("not-found");
  public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
  public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
  public static final URI NOT_ACCEPTABLE = of("not-acceptable");
  public static final URI CONFLICT = of("conflict");
  public static final URI CONCURRENT_MODIFICATION = of("concurrent-modification");
  public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
  public static final URI RATE_LIMITED = of("rate-limited");
  public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");
  public static final URI SECRET_STORE_UNAVAILABLE = of("secret-store-unavailable");
  public static final URI INTERNAL_ERROR = of("internal-error");

  private ProblemTypes() {}

  public static URI of(String slug) {
    return URI.create(BASE + slug);
  }
}
