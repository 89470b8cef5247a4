package io.mcpmanager.auth.login;

import io.mcpmanager.auth.config.AuthProperties;
import io.mcpmanager.auth.user.AccountLocks;
import io.mcpmanager.auth.user.Usernames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed-login counters in PostgreSQL, so every replica sees the same numbers. A refused attempt
 * never makes a thread sleep: the row holds a "not before" time and a lock end, and attempts before
 * them are refused outright (and count as failures). Account counters are kept per account and
 * client address, keyed by a hash of the normalised username and the address: failures from one
 * address never lock the account for another one, so nobody can keep a user locked out, and the
 * lock (the longest back-off) is never renewed while it lasts. An unknown username is throttled
 * exactly like a real one. A second counter per address (all usernames) limits password spraying.
 */
@Component
public class LoginThrottle implements AccountLocks {

  private static final Duration WINDOW = Duration.ofHours(1);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Policy accountPolicy;
  private final Policy ipPolicy;

  public LoginThrottle(JdbcClient jdbc, Clock clock, AuthProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    AuthProperties.Throttle t = properties.throttle();
    this.accountPolicy =
        new Policy(
            t.delayAfterFailures(),
            t.initialDelay(),
            t.maxDelay(),
            t.lockAfterFailures(),
            t.lockDuration(),
            0);
    this.ipPolicy =
        new Policy(
            t.ipDelayAfterFailures(),
            t.initialDelay(),
            t.maxDelay(),
            0,
            Duration.ZERO,
            t.ipMaxFailuresPerHour());
  }

  /**
   * How one kind of counter reacts to failures; {@code lockAfter = 0} never locks, {@code
   * maxPerHour = 0} has no hourly cap.
   */
  record Policy(
      int delayAfter,
      Duration initialDelay,
      Duration maxDelay,
      int lockAfter,
      Duration lockDuration,
      int maxPerHour) {

    Duration delayAfter(int consecutiveFailures) {
      if (consecutiveFailures < delayAfter) {
        return Duration.ZERO;
      }
      int doublings = Math.min(consecutiveFailures - delayAfter, 30);
      Duration delay = initialDelay.multipliedBy(1L << doublings);
      return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
  }

  /** Why an attempt is refused before the password is even checked, if it is. */
  enum Refusal {
    LOCKED,
    DELAYED,
    HOURLY_LIMIT
  }

  private record Counter(
      int consecutiveFailures,
      Instant windowStartedAt,
      int windowFailures,
      @Nullable Instant notBefore,
      @Nullable Instant lockedUntil) {}

  /** The counter of one account as tried from one client address. */
  public static String accountKey(String username, @Nullable String ip) {
    return "account-ip:"
        + sha256(Usernames.normalize(username) + "\n" + (ip == null ? "unknown" : ip));
  }

  /** What every counter of one account has in common (column {@code account}). */
  static String account(String username) {
    return "account:" + sha256(Usernames.normalize(username));
  }

  public static String ipKey(@Nullable String ip) {
    return "ip:" + (ip == null ? "unknown" : ip);
  }

  @Transactional(readOnly = true)
  public Optional<Refusal> refusal(String username, @Nullable String ip) {
    Instant now = clock.instant();
    return refusal(accountKey(username, ip), accountPolicy, now)
        .or(() -> refusal(ipKey(ip), ipPolicy, now));
  }

  /** Counts a failure for the account and the IP; must join the caller's transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordFailure(String username, @Nullable String ip) {
    Instant now = clock.instant();
    recordFailure(accountKey(username, ip), account(username), accountPolicy, now);
    recordFailure(ipKey(ip), null, ipPolicy, now);
  }

  /** A successful login clears the consecutive counters (the hourly count stays). */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordSuccess(String username, @Nullable String ip) {
    jdbc.sql(
            """
            UPDATE login_throttle SET consecutive_failures = 0, not_before = NULL, locked_until = NULL,
                   updated_at = :now WHERE throttle_key IN (:account, :ip)""")
        .param("now", utc(clock.instant()))
        .param("account", accountKey(username, ip))
        .param("ip", ipKey(ip))
        .update();
  }

  /** Lifts every lock and delay of the account, from every address (admin action). */
  @Override
  @Transactional(propagation = Propagation.MANDATORY)
  public void unlock(String username) {
    jdbc.sql("DELETE FROM login_throttle WHERE account = :account")
        .param("account", account(username))
        .update();
  }

  /** Whether the account is locked for at least one client address. */
  @Override
  @Transactional(readOnly = true)
  public boolean isLocked(String username) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM login_throttle WHERE account = :account AND locked_until > :now)")
        .param("account", account(username))
        .param("now", utc(clock.instant()))
        .query(Boolean.class)
        .single();
  }

  private Optional<Refusal> refusal(String key, Policy policy, Instant now) {
    return counter(key, false)
        .flatMap(
            c -> {
              if (c.lockedUntil() != null && c.lockedUntil().isAfter(now)) {
                return Optional.of(Refusal.LOCKED);
              }
              if (policy.maxPerHour() > 0
                  && c.windowFailures() >= policy.maxPerHour()
                  && c.windowStartedAt().plus(WINDOW).isAfter(now)) {
                return Optional.of(Refusal.HOURLY_LIMIT);
              }
              if (c.notBefore() != null && c.notBefore().isAfter(now)) {
                return Optional.of(Refusal.DELAYED);
              }
              return Optional.empty();
            });
  }

  private void recordFailure(String key, @Nullable String account, Policy policy, Instant now) {
    jdbc.sql(
            """
            INSERT INTO login_throttle (throttle_key, account, consecutive_failures, window_started_at,
                                        window_failures, updated_at)
            VALUES (:key, :account, 0, :now, 0, :now) ON CONFLICT (throttle_key) DO NOTHING""")
        .param("key", key)
        .param("account", account)
        .param("now", utc(now))
        .update();
    Counter c = counter(key, true).orElseThrow();
    boolean windowOver = !c.windowStartedAt().plus(WINDOW).isAfter(now);
    Instant windowStart = windowOver ? now : c.windowStartedAt();
    int windowFailures = (windowOver ? 0 : c.windowFailures()) + 1;
    int consecutive = c.consecutiveFailures() + 1;
    Duration delay = policy.delayAfter(consecutive);
    @Nullable Instant notBefore = delay.isZero() ? null : now.plus(delay);
    Instant lockedUntil = c.lockedUntil();
    boolean alreadyLocked = lockedUntil != null && lockedUntil.isAfter(now);
    if (policy.lockAfter() > 0 && consecutive >= policy.lockAfter() && !alreadyLocked) {
      lockedUntil = now.plus(policy.lockDuration());
    }
    jdbc.sql(
            """
            UPDATE login_throttle SET consecutive_failures = :consecutive, window_started_at = :windowStart,
                   window_failures = :windowFailures, not_before = :notBefore, locked_until = :lockedUntil,
                   updated_at = :now
            WHERE throttle_key = :key""")
        .param("consecutive", consecutive)
        .param("windowStart", utc(windowStart))
        .param("windowFailures", windowFailures)
        .param("notBefore", utc(notBefore))
        .param("lockedUntil", utc(lockedUntil))
        .param("now", utc(now))
        .param("key", key)
        .update();
  }

  private Optional<Counter> counter(String key, boolean forUpdate) {
    return jdbc.sql(
            """
            SELECT consecutive_failures, window_started_at, window_failures, not_before, locked_until
            FROM login_throttle WHERE throttle_key = :key"""
                + (forUpdate ? " FOR UPDATE" : ""))
        .param("key", key)
        .query(
            (rs, row) ->
                new Counter(
                    rs.getInt(1),
                    rs.getObject(2, OffsetDateTime.class).toInstant(),
                    rs.getInt(3),
                    instant(rs, 4),
                    instant(rs, 5)))
        .optional();
  }

  private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
