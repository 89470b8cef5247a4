package io.mcpmanager.auth.mfa;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.kit.error.RetryAfter;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A refused second-factor operation; the detail never contains a code or the secret. */
public class SecondFactorException extends ApiException {

  private SecondFactorException(
      HttpStatus status, String slug, String title, String detail, Map<String, Object> extra) {
    super(status, ProblemTypes.of(slug), title, detail, extra);
  }

  static SecondFactorException wrongCode() {
    return new SecondFactorException(
        HttpStatus.UNPROCESSABLE_CONTENT,
        "invalid-second-factor-code",
        "Invalid code",
        "The code is wrong, expired or already used",
        Map.of());
  }

  static SecondFactorException locked(Duration retryAfter) {
    return new Locked(retryAfter);
  }

  /** 429 with {@code Retry-After}: the lock's remaining time. */
  static final class Locked extends SecondFactorException implements RetryAfter {

    private final Duration retryAfter;

    private Locked(Duration retryAfter) {
      super(
          HttpStatus.TOO_MANY_REQUESTS,
          "second-factor-locked",
          "Second factor locked",
          "Too many wrong codes; the second factor is locked for a while",
          Map.of());
      this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
      return retryAfter;
    }
  }

  static SecondFactorException alreadyEnrolled() {
    return new SecondFactorException(
        HttpStatus.CONFLICT,
        "second-factor-already-enrolled",
        "Already enrolled",
        "A TOTP second factor is already enrolled; disable it first",
        Map.of());
  }

  static SecondFactorException noEnrolment() {
    return new SecondFactorException(
        HttpStatus.CONFLICT,
        "second-factor-not-started",
        "No enrolment in progress",
        "Start the enrolment with POST /api/account/mfa/totp first",
        Map.of());
  }

  static SecondFactorException notEnrolled() {
    return new SecondFactorException(
        HttpStatus.NOT_FOUND,
        "not-found",
        "Not found",
        "No TOTP second factor is enrolled",
        Map.of());
  }
}
