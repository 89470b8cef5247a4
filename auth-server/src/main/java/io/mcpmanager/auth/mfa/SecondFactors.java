package io.mcpmanager.auth.mfa;

import io.mcpmanager.auth.config.AuthProperties;
import io.mcpmanager.auth.user.Role;
import io.mcpmanager.auth.user.UserSummary;
import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.security.SecondFactorEnrolments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's TOTP second factor and recovery codes. Callers name the actor of the events (the
 * request's user, address and user agent). Verification locks the row ({@code FOR UPDATE}), so two
 * requests with the same code cannot both pass; wrong codes are counted in the same transaction,
 * which commits even though the caller is refused.
 */
@Service
public class SecondFactors implements SecondFactorEnrolments {

  static final String ENTITY_TYPE = "mfa";

  /** Which kind of second factor a sign-in used. */
  public enum Kind {
    TOTP,
    RECOVERY_CODE
  }

  private final JdbcClient jdbc;
  private final SecretCipher cipher;
  private final CredentialEvents events;
  private final Clock clock;
  private final AuthProperties.Mfa settings;

  SecondFactors(
      JdbcClient jdbc,
      SecretCipher cipher,
      CredentialEvents events,
      Clock clock,
      AuthProperties properties) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.events = events;
    this.clock = clock;
    this.settings = properties.mfa();
  }

  @Transactional(readOnly = true)
  public boolean isEnrolled(UUID userId) {
    return jdbc.sql("SELECT count(*) FROM mfa_totp WHERE user_id = :u AND confirmed_at IS NOT NULL")
            .param("u", userId)
            .query(Long.class)
            .single()
        > 0;
  }

  /** For the kit's step-up rule: the database, not only the token's claim, says who enrolled. */
  @Override
  @Transactional(readOnly = true)
  public boolean isEnrolled(String userId) {
    try {
      return isEnrolled(UUID.fromString(userId));
    } catch (IllegalArgumentException notAUserId) {
      return false;
    }
  }

  /** Whether a sign-in of this user needs a second factor (enrolled, or required by policy). */
  @Transactional(readOnly = true)
  public boolean mustUse(UserSummary user) {
    return isEnrolled(user.id())
        || settings.required() == AuthProperties.MfaPolicy.ALL
        || (settings.required() == AuthProperties.MfaPolicy.ADMINS
            && user.roles().contains(Role.ADMIN));
  }

  /** Starts (or restarts) an enrolment; the secret is stored encrypted with the user's key. */
  @Transactional
  public TotpEnrolment start(UUID userId, String username) {
    if (isEnrolled(userId)) {
      throw SecondFactorException.alreadyEnrolled();
    }
    String secret = Totp.newSecret();
    jdbc.sql(
            """
            INSERT INTO mfa_totp (user_id, secret_ciphertext, created_at) VALUES (:u, :c, :now)
            ON CONFLICT (user_id) DO UPDATE SET secret_ciphertext = :c, created_at = :now,
              last_used_step = 0, failed_attempts = 0, locked_until = NULL""")
        .param("u", userId)
        .param("c", cipher.encrypt(userId.toString(), secret))
        .param("now", now())
        .update();
    return new TotpEnrolment(secret, Totp.otpauthUri(settings.issuerLabel(), username, secret));
  }

  /** Confirms the enrolment with a first code; answers the 10 recovery codes, shown only now. */
  @Transactional(noRollbackFor = SecondFactorException.class)
  public List<String> confirm(UUID userId, String code, Actor actor) {
    Row row = lockRow(userId).orElseThrow(SecondFactorException::noEnrolment);
    if (row.confirmed()) {
      throw SecondFactorException.alreadyEnrolled();
    }
    refuseWhileLocked(row);
    OptionalLong step = Totp.match(secret(userId, row), code.strip(), clock.instant(), 0);
    if (step.isEmpty()) {
      throw failed(userId, row, actor);
    }
    jdbc.sql(
            """
            UPDATE mfa_totp SET confirmed_at = :now, last_used_step = :step, failed_attempts = 0
            WHERE user_id = :u""")
        .param("now", now())
        .param("step", step.getAsLong())
        .param("u", userId)
        .update();
    List<String> codes = RecoveryCodes.generate();
    jdbc.sql("DELETE FROM mfa_recovery_code WHERE user_id = :u").param("u", userId).update();
    for (String recoveryCode : codes) {
      jdbc.sql(
              """
              INSERT INTO mfa_recovery_code (id, user_id, code_hash, created_at)
              VALUES (:id, :u, :h, :now)""")
          .param("id", UUID.randomUUID())
          .param("u", userId)
          .param("h", RecoveryCodes.hash(recoveryCode))
          .param("now", now())
          .update();
    }
    record(EventTypes.MFA_ENROLLED, actor, userId, "enrol", Outcome.SUCCESS, Map.of());
    return codes;
  }

  /**
   * Checks a sign-in's second factor: a TOTP code of a time step later than the last accepted one,
   * or an unused recovery code. Wrong codes count; the limit locks the second factor.
   */
  @Transactional(noRollbackFor = SecondFactorException.class)
  public Kind verify(UUID userId, String input, Actor actor) {
    Row row = lockRow(userId).filter(Row::confirmed).orElseThrow(SecondFactorException::wrongCode);
    refuseWhileLocked(row);
    String code = input.strip();
    OptionalLong step = Totp.match(secret(userId, row), code, clock.instant(), row.lastUsedStep());
    if (step.isPresent()) {
      jdbc.sql("UPDATE mfa_totp SET last_used_step = :step, failed_attempts = 0 WHERE user_id = :u")
          .param("step", step.getAsLong())
          .param("u", userId)
          .update();
      return Kind.TOTP;
    }
    if (RecoveryCodes.looksLikeOne(code) && useRecoveryCode(userId, code)) {
      jdbc.sql("UPDATE mfa_totp SET failed_attempts = 0 WHERE user_id = :u")
          .param("u", userId)
          .update();
      long left =
          jdbc.sql("SELECT count(*) FROM mfa_recovery_code WHERE user_id = :u AND used_at IS NULL")
              .param("u", userId)
              .query(Long.class)
              .single();
      record(
          EventTypes.MFA_RECOVERY_CODE_USED,
          actor,
          userId,
          "recover",
          Outcome.SUCCESS,
          Map.of("recovery_codes_left", new Change(null, Long.toString(left))));
      return Kind.RECOVERY_CODE;
    }
    throw failed(userId, row, actor);
  }

  /** Removes the second factor and its recovery codes (the caller proved a recent one). */
  @Transactional
  public void disable(UUID userId, Actor actor) {
    int removed =
        jdbc.sql("DELETE FROM mfa_totp WHERE user_id = :u AND confirmed_at IS NOT NULL")
            .param("u", userId)
            .update();
    if (removed == 0) {
      throw SecondFactorException.notEnrolled();
    }
    jdbc.sql("DELETE FROM mfa_recovery_code WHERE user_id = :u").param("u", userId).update();
    record(EventTypes.MFA_DISABLED, actor, userId, "disable", Outcome.SUCCESS, Map.of());
  }

  private boolean useRecoveryCode(UUID userId, String code) {
    return jdbc.sql(
                """
                UPDATE mfa_recovery_code SET used_at = :now
                WHERE user_id = :u AND code_hash = :h AND used_at IS NULL""")
            .param("now", now())
            .param("u", userId)
            .param("h", RecoveryCodes.hash(code))
            .update()
        == 1;
  }

  private SecondFactorException failed(UUID userId, Row row, Actor actor) {
    int failures = row.failedAttempts() + 1;
    if (failures < settings.maxFailures()) {
      jdbc.sql("UPDATE mfa_totp SET failed_attempts = :f WHERE user_id = :u")
          .param("f", failures)
          .param("u", userId)
          .update();
      return SecondFactorException.wrongCode();
    }
    jdbc.sql("UPDATE mfa_totp SET failed_attempts = 0, locked_until = :until WHERE user_id = :u")
        .param(
            "until",
            OffsetDateTime.ofInstant(clock.instant().plus(settings.lockDuration()), ZoneOffset.UTC))
        .param("u", userId)
        .update();
    record(
        EventTypes.MFA_LOCKED,
        actor,
        userId,
        "lock",
        Outcome.DENIED,
        Map.of("locked_for", new Change(null, settings.lockDuration().toString())));
    return SecondFactorException.locked(settings.lockDuration());
  }

  private void refuseWhileLocked(Row row) {
    if (row.lockedUntil() != null && row.lockedUntil().isAfter(clock.instant())) {
      throw SecondFactorException.locked(Duration.between(clock.instant(), row.lockedUntil()));
    }
  }

  private String secret(UUID userId, Row row) {
    return cipher.decrypt(userId.toString(), row.secretCiphertext());
  }

  private Optional<Row> lockRow(UUID userId) {
    return jdbc.sql(
            """
            SELECT secret_ciphertext, confirmed_at IS NOT NULL AS confirmed, last_used_step,
                   failed_attempts, locked_until
            FROM mfa_totp WHERE user_id = :u FOR UPDATE""")
        .param("u", userId)
        .query(
            (rs, n) -> {
              OffsetDateTime locked = rs.getObject("locked_until", OffsetDateTime.class);
              return new Row(
                  rs.getString("secret_ciphertext"),
                  rs.getBoolean("confirmed"),
                  rs.getLong("last_used_step"),
                  rs.getInt("failed_attempts"),
                  locked == null ? null : locked.toInstant());
            })
        .optional();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private void record(
      String type,
      Actor actor,
      UUID userId,
      String action,
      String outcome,
      Map<String, Change> changes) {
    events.record(
        type,
        actor,
        new CredentialEvents.Subject(userId.toString(), ENTITY_TYPE, userId.toString()),
        action,
        outcome,
        changes);
  }

  private record Row(
      String secretCiphertext,
      boolean confirmed,
      long lastUsedStep,
      int failedAttempts,
      @Nullable Instant lockedUntil) {}
}
