package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.account.StatusReason;
import java.time.Duration;

/**
 * What a provider said about a credential.
 *
 * @param verdict valid, rejected (the credential or its settings are wrong) or inconclusive (the
 *     provider could not answer: rate limit, outage)
 * @param reason why, when not valid
 * @param retryAfter when the provider asked us to wait (429)
 */
public record ValidationResult(Verdict verdict, StatusReason reason, Duration retryAfter) {

  /** The three kinds of answers. */
  public enum Verdict {
    VALID,
    REJECTED,
    INCONCLUSIVE
  }

  public static ValidationResult valid() {
    return new ValidationResult(Verdict.VALID, null, null);
  }

  public static ValidationResult rejected(StatusReason reason) {
    return new ValidationResult(Verdict.REJECTED, reason, null);
  }

  public static ValidationResult rateLimited(Duration retryAfter) {
    return new ValidationResult(Verdict.INCONCLUSIVE, StatusReason.PROVIDER_RATE_LIMITED, retryAfter);
  }

  public static ValidationResult unavailable() {
    return new ValidationResult(Verdict.INCONCLUSIVE, StatusReason.PROVIDER_UNAVAILABLE, null);
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
