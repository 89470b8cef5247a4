package io.mcpmanager.integration.ratelimit;

import io.mcpmanager.integration.config.IntegrationProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Caps validations per subject (a user, a credential) per hour: failed ones, and every attempt,
 * since each is an outbound call whose destination a user may influence (#14 item 3), with counters
 * in PostgreSQL so the cap holds across replicas: the validation endpoints are no oracle for
 * guessing tokens. Counts run in their own (auto-commit) statements, so they survive the caller's
 * rollback.
 */
@Component
public class ValidationThrottle {

  /** Attempts share the failure table under a prefixed subject (no second table to purge). */
  static final String ATTEMPTS = "attempts:";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final int maxFailures;
  private final int maxAttempts;

  public ValidationThrottle(JdbcClient jdbc, Clock clock, IntegrationProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.maxFailures = properties.validation().maxFailuresPerHour();
    this.maxAttempts = properties.validation().maxAttemptsPerHour();
  }

  /**
   * Called before every outbound validation: throws {@link ValidationRateLimitedException} when any
   * subject has used up its failures or its attempts this hour, and otherwise counts this attempt
   * (whatever its outcome) under {@code attempts:<subject>}.
   */
  public void checkAllowed(List<String> subjects) {
    Instant window = window();
    List<String> attemptSubjects = subjects.stream().map(s -> ATTEMPTS + s).toList();
    if (worst(subjects, window) >= maxFailures || worst(attemptSubjects, window) >= maxAttempts) {
      Duration retryAfter = Duration.between(clock.instant(), window.plus(1, ChronoUnit.HOURS));
      throw ValidationRateLimitedException.retryAfter(
          retryAfter.isNegative() ? Duration.ofSeconds(1) : retryAfter);
    }
    increment(attemptSubjects);
  }

  private int worst(List<String> subjects, Instant window) {
    Integer worst =
        jdbc.sql(
                """
            SELECT coalesce(max(failures), 0) FROM validation_failure
            WHERE subject IN (:subjects) AND window_start = :window""")
            .param("subjects", subjects)
            .param("window", Timestamp.from(window))
            .query(Integer.class)
            .single();
    return worst == null ? 0 : worst;
  }

  public void recordFailure(List<String> subjects) {
    increment(subjects);
  }

  private void increment(List<String> subjects) {
    Timestamp window = Timestamp.from(window());
    for (String subject : subjects) {
      jdbc.sql(
              """
              INSERT INTO validation_failure (subject, window_start, failures) VALUES (:subject, :window, 1)
              ON CONFLICT (subject, window_start)
              DO UPDATE SET failures = validation_failure.failures + 1""")
          .param("subject", subject)
          .param("window", window)
          .update();
    }
  }

  /** Forgets windows older than a day. */
  public int purgeOldWindows() {
    return jdbc.sql("DELETE FROM validation_failure WHERE window_start < :before")
        .param("before", Timestamp.from(window().minus(1, ChronoUnit.DAYS)))
        .update();
  }

  private Instant window() {
    return clock.instant().truncatedTo(ChronoUnit.HOURS);
  }
}
