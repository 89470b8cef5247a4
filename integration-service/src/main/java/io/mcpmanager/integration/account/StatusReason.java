package io.mcpmanager.integration.account;

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

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
