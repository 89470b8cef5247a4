package io.mcpmanager.git.connection;

import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.kit.error.ServiceUnavailableException;
import java.time.Duration;

/** The provider's token endpoint is down and the stored token has expired: 503 with Retry-After. */
public class ProviderUnavailableException extends ServiceUnavailableException {

  private ProviderUnavailableException(String provider, Duration retryAfter) {
    super(
        ProblemTypes.of("git-provider-unavailable"),
        provider + " could not refresh the token; try again later",
        retryAfter,
        null);
  }

  public static ProviderUnavailableException of(String provider, Duration retryAfter) {
    return new ProviderUnavailableException(provider, retryAfter);
  }
}
