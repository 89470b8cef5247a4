package io.mcpmanager.integration.account;

import io.mcpmanager.integration.provider.ValidationResult;

/**
 * The outcome of a live check.
 *
 * @param valid whether the provider accepted the credential
 * @param outcome {@code valid} or a status reason ({@code invalid_credentials}, {@code provider_unavailable}, ...)
 * @param retryAfterSeconds when the provider asked us to wait
 * @param integration the checked integration (null when a credential was tested before saving)
 */
public record ValidationResponse(boolean valid, String outcome, Long retryAfterSeconds,
    IntegrationAccountResponse integration) {

  static ValidationResponse of(ValidationResult result, IntegrationAccountResponse integration) {
    return new ValidationResponse(result.isValid(), result.outcome(),
        result.retryAfter() == null ? null : result.retryAfter().toSeconds(), integration);
  }
}
