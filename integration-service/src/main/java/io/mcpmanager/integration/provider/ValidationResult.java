package io.mcpmanager.integration.provider;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a provider said about a credential.
 *
 * @param verdict valid, rejected (the credential or its settings are wrong) or inconclusive (the
 *     provider could not answer: rate limit, outage)
 * @param reason why, when not valid
 * @param retryAfter when the provider asked us to wait (429)
 */
public record ValidationResult(
    Verdict verdict, @Nullable Problem reason, @Nullable Duration retryAfter) {

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
    return isValid() ? "valid" : requireReason().value();
  }

  /** The reason of a result that is not valid (every such result has one). */
  public Problem requireReason() {
    return Objects.requireNonNull(reason, "a result that is not valid has a reason");
  }
}
