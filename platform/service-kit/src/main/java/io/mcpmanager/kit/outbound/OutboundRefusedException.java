package io.mcpmanager.kit.outbound;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A URL the outbound guard will not call: 422 problem+json whose detail names the problem ("url
 * resolves to a private address") and whose {@code reason} is machine-readable. Never carries the
 * URL's query or credentials.
 */
public class OutboundRefusedException extends ApiException {

  public static final URI TYPE = ProblemTypes.of("outbound-url-refused");

  private final String reason;

  private OutboundRefusedException(String reason, String detail) {
    super(
        HttpStatus.UNPROCESSABLE_CONTENT,
        TYPE,
        "URL not allowed",
        detail,
        Map.of("reason", reason));
    this.reason = reason;
  }

  public static OutboundRefusedException of(String reason, String detail) {
    return new OutboundRefusedException(reason, detail);
  }

  static OutboundRefusedException address(AddressClassifier.Kind kind) {
    return new OutboundRefusedException(kind.code(), "url resolves to " + kind.phrase());
  }

  /** e.g. {@code private_address}, {@code https_required}, {@code unresolvable_host}. */
  public String reason() {
    return reason;
  }
}
