package io.mcpmanager.integration.provider;

import java.time.Duration;
import java.util.Locale;

/**
 * What a provider said about a credential.
 *
 * @param verdict valid, rejected (the credential or its settings are wrong) or inconclusive (the
 *     provider could not answer: rate limit, outage)
 * @param reason why, when not valid
 * @param retryAfter when the provider asked us to wait (429)
 */
public record ValidationResult(Verdict verdict, Problem reason, Duration retryAfter) {

  /** The three kinds of answers. */
  public enum Verdict {
    VALID,
    REJECTED,
    INCONCLUSIVE
  }

  /** Why a provider did not confirm a credential; stable values clients may switch on. */
  public enum Problem {
    INVALID_CREDENTIALS,
    INSUFFICIENT_SCOPE,
    /** The provider rejects the non-secret settings (wrong site or organisation). */
    INVALID_CONFIGURATION,
    PROVIDER_RATE_LIMITED,
    PROVIDER_UNAVAILABLE;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static ValidationResult valid() {
    return new ValidationResult(Verdict.VALID, null, null);
  }

  public static ValidationResult rejected(Problem reason) {
    return new ValidationResult(Verdict.REJECTED, reason, null);
  }

  public static ValidationResult rateLimited(Duration retryAfter) {
    return new ValidationResult(Verdict.INCONCLUSIVE, Problem.PROVIDER_RATE_LIMITED, retryAfter);
  }

  public static ValidationResult unavailable() {
    return new ValidationResult(Verdict.INCONCLUSIVE, Problem.PROVIDER_UNAVAILABLE, null);
  }

  public boolean isValid() {
    return verdict == Verdict.VALID;
  }

  public boolean isRejected() {
    return verdict == Verdict.REJECTED;
  }

  public String outcome() {
    return isValid() ? "valid" : reason.value();
  }
}
