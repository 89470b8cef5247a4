package io.mcpmanager.integration.account;

import io.mcpmanager.integration.provider.ValidationResult;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a live check.
 *
 * @param valid whether the provider accepted the credential
 * @param outcome {@code valid} or a status reason ({@code invalid_credentials}, {@code
 *     provider_unavailable}, ...)
 * @param retryAfterSeconds when the provider asked us to wait
 * @param integration the checked integration (null when a credential was tested before saving)
 */
public record ValidationResponse(
    boolean valid,
    String outcome,
    @Nullable Long retryAfterSeconds,
    @Nullable IntegrationAccountResponse integration) {

  static ValidationResponse of(
      ValidationResult result, @Nullable IntegrationAccountResponse integration) {
    return new ValidationResponse(
        result.isValid(),
        result.outcome(),
        result.retryAfter() == null ? null : result.retryAfter().toSeconds(),
        integration);
  }
}
