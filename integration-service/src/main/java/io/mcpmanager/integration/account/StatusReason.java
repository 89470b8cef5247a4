package io.mcpmanager.integration.account;

import io.mcpmanager.integration.provider.ValidationResult;
import java.util.Locale;

/** Why an integration is not (or no longer) active; stable values clients may switch on. */
public enum StatusReason {
  INVALID_CREDENTIALS,
  INSUFFICIENT_SCOPE,
  /** The provider rejects the non-secret settings (wrong site or organisation). */
  INVALID_CONFIGURATION,
  PROVIDER_RATE_LIMITED,
  PROVIDER_UNAVAILABLE,
  REFRESH_FAILED,
  EXPIRED_BY_POLICY,
  DEACTIVATED_BY_USER,
  REVOKED_BY_USER;

  /** The reason a provider's refusal (or silence) leaves on the account. */
  static StatusReason of(ValidationResult.Problem problem) {
    return switch (problem) {
      case INVALID_CREDENTIALS -> INVALID_CREDENTIALS;
      case INSUFFICIENT_SCOPE -> INSUFFICIENT_SCOPE;
      case INVALID_CONFIGURATION -> INVALID_CONFIGURATION;
      case PROVIDER_RATE_LIMITED -> PROVIDER_RATE_LIMITED;
      case PROVIDER_UNAVAILABLE -> PROVIDER_UNAVAILABLE;
    };
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
