package io.mcpmanager.integration.account;

import io.mcpmanager.integration.provider.ValidationResult;
import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.kit.error.ServiceUnavailableException;
import java.time.Duration;

/** The provider could not confirm the credential (rate limit, outage); nothing was saved. */
public class ProviderUnavailableException extends ServiceUnavailableException {

  private ProviderUnavailableException(ValidationResult result) {
    super(
        ProblemTypes.of(result.requireReason().value().replace('_', '-')),
        "The provider could not check the credential ("
            + result.requireReason().value()
            + "); it was not saved. Retry later or send save_anyway=true",
        result.retryAfter() != null ? result.retryAfter() : Duration.ofSeconds(30),
        null);
  }

  public static ProviderUnavailableException of(ValidationResult result) {
    return new ProviderUnavailableException(result);
  }
}
