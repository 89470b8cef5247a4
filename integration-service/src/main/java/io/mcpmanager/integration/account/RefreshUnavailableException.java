package io.mcpmanager.integration.account;

import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.kit.error.ServiceUnavailableException;
import java.time.Duration;

/** The access token has expired and the provider's token endpoint is down: retry later. */
public class RefreshUnavailableException extends ServiceUnavailableException {

  public RefreshUnavailableException(Duration retryAfter) {
    super(
        ProblemTypes.of("provider-unavailable"),
        "The provider could not refresh the credential; retry later",
        retryAfter,
        null);
  }
}
