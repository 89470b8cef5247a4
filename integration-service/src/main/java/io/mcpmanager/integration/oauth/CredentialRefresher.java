package io.mcpmanager.integration.oauth;

import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.integration.account.CredentialUnusableException;
import io.mcpmanager.kit.secrets.Hints;
import io.mcpmanager.integration.account.IntegrationStatus;
import io.mcpmanager.integration.account.StatusReason;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.micrometer.core.instrument.Timer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out a usable OAuth access token, refreshing it when it is about to expire. Exactly one
 * refresh per credential reaches the provider, however many callers and replicas ask at once: the
 * refresh runs under a PostgreSQL row lock ({@code SELECT ... FOR UPDATE}); whoever waited on the
 * lock re-reads the row and finds the new token. The rotated refresh token is committed before the
 * lock is released, so it is stored before anyone can use it again.
 *
 * <p>Plain JDBC on purpose: two replicas are two instances of this class over two DataSources.
 */
public class CredentialRefresher {

  static final String ENTITY = "integration";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final SecretCipher cipher;
  private final List<OAuthTokenClient> clients;
  private final CredentialEvents events;
  private final Clock clock;
  private final IntegrationProperties.Refresh settings;
  private final IntegrationMetrics metrics;

  public CredentialRefresher(JdbcClient jdbc, TransactionTemplate transactions, SecretCipher cipher,
      List<OAuthTokenClient> clients, CredentialEvents events, Clock clock,
      IntegrationProperties.Refresh settings, IntegrationMetrics metrics) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.cipher = cipher;
    this.clients = List.copyOf(clients);
    this.events = events;
    this.clock = clock;
    this.settings = settings;
    this.metrics = metrics;
  }

  /** The current access token, refreshed first when it expires within the configured skew. */
  public String accessToken(UUID id) {
    Row row = jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(CredentialRefresher::row)
        .optional().orElseThrow(() -> new IllegalStateException("integration " + id + " vanished"));
    if (row.usable() && !row.expiresWithin(clock.instant(), settings.skew())) {
      return cipher.decrypt(row.ownerId, row.accessCiphertext);
    }
    return refreshIfExpiring(id, settings.skew());
  }

  /**
   * Refreshes when the token expires within {@code within}, unless someone else just did (then
   * their token is returned). The scheduler looks a little further ahead than callers do.
   */
  public String refreshIfExpiring(UUID id, Duration within) {
    Result result = transactions.execute(tx -> refreshLocked(id, within));
    if (result.failure != null) {
      throw result.failure;
    }
    return result.accessToken;
  }

  private Result refreshLocked(UUID id, Duration within) {
    Row row = jdbc.sql(SELECT + " WHERE id = :id FOR UPDATE").param("id", id).query(CredentialRefresher::row)
        .optional().orElse(null);
    Instant now = clock.instant();
    if (row == null || !row.refreshable()) {
      return Result.failed(row == null ? new IllegalStateException("integration " + id + " vanished")
          : CredentialUnusableException.of(row.type.value(), row.status, row.reason));
    }
    if (row.usable() && !row.expiresWithin(now, within)) {
      return Result.ok(cipher.decrypt(row.ownerId, row.accessCiphertext)); // refreshed while we waited
    }
    OAuthTokenClient client = clients.stream().filter(c -> c.handles(row.type)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no OAuth client for " + row.type.value()));
    String refreshToken = cipher.decrypt(row.ownerId, row.refreshCiphertext);
    OAuthTokens tokens;
    Timer.Sample refresh = metrics.startRefresh();
    try {
      tokens = client.refresh(refreshToken);
    } catch (InvalidGrantException e) {
      metrics.refreshed(refresh, row.type.value(), false);
      return Result.failed(markRefreshDead(row, now));
    } catch (TokenEndpointUnavailableException e) {
      metrics.refreshed(refresh, row.type.value(), false);
      return providerDown(row, now);
    }
    metrics.refreshed(refresh, row.type.value(), true);
    store(row, tokens, now);
    return Result.ok(tokens.accessToken());
  }

  private void store(Row row, OAuthTokens tokens, Instant now) {
    List<String> plain = new ArrayList<>(List.of(tokens.accessToken()));
    if (tokens.refreshToken() != null) {
      plain.add(tokens.refreshToken());
    }
    List<String> sealed = cipher.encryptAll(row.ownerId, plain);
    jdbc.sql("""
            UPDATE integration_account SET credential_ciphertext = :access,
              refresh_token_ciphertext = coalesce(:refresh, refresh_token_ciphertext),
              credential_hint = :hint, expires_at = :expires, scopes = coalesce(:scopes, scopes),
              refresh_failures = 0, next_refresh_at = NULL, status = 'ACTIVE', status_reason = NULL,
              updated_at = :now, version = version + 1
            WHERE id = :id""")
        .param("access", sealed.get(0))
        .param("refresh", sealed.size() > 1 ? sealed.get(1) : null, java.sql.Types.VARCHAR)
        .param("hint", Hints.mask(tokens.accessToken()))
        .param("expires", Timestamp.from(tokens.expiresAt()))
        .param("scopes", tokens.scope(), java.sql.Types.VARCHAR)
        .param("now", Timestamp.from(now)).param("id", row.id).update();
    Map<String, Change> changes = new HashMap<>();
    changes.put("expires_at", new Change(row.expiresAt, tokens.expiresAt()));
    changes.put("refresh_token_rotated", new Change(null, tokens.refreshToken() != null));
    if (row.status != IntegrationStatus.ACTIVE) {
      changes.put("status", new Change(row.status.value(), IntegrationStatus.ACTIVE.value()));
    }
    events.record(EventTypes.INTEGRATION_REFRESHED, subject(row), "refresh", Outcome.SUCCESS, changes);
  }

  private RuntimeException markRefreshDead(Row row, Instant now) {
    jdbc.sql("""
            UPDATE integration_account SET status = 'EXPIRED', status_reason = 'REFRESH_FAILED',
              updated_at = :now, version = version + 1 WHERE id = :id""")
        .param("now", Timestamp.from(now)).param("id", row.id).update();
    Map<String, Change> changes = Map.of(
        "status", new Change(row.status.value(), IntegrationStatus.EXPIRED.value()),
        "status_reason", new Change(row.reason == null ? null : row.reason.value(),
            StatusReason.REFRESH_FAILED.value()));
    events.record(EventTypes.INTEGRATION_REFRESH_FAILED, subject(row), "refresh", Outcome.FAILURE,
        Map.of("error", new Change(null, "invalid_grant")));
    events.record(EventTypes.INTEGRATION_EXPIRED, subject(row), "expire", Outcome.SUCCESS, changes);
    return CredentialUnusableException.of(row.type.value(), IntegrationStatus.EXPIRED, StatusReason.REFRESH_FAILED);
  }

  /**
   * Counts the failure and schedules a retry with exponential backoff; status changes to error only
   * once the threshold is reached. A token that is still valid is handed out meanwhile.
   */
  private Result providerDown(Row row, Instant now) {
    int failures = row.failures + 1;
    Duration backoff = settings.backoff().multipliedBy(1L << Math.min(failures - 1, 10));
    boolean giveUp = failures >= settings.failureThreshold();
    jdbc.sql("""
            UPDATE integration_account SET refresh_failures = :failures, next_refresh_at = :next,
              status = CASE WHEN :giveUp THEN 'ERROR' ELSE status END,
              status_reason = CASE WHEN :giveUp THEN 'PROVIDER_UNAVAILABLE' ELSE status_reason END,
              updated_at = :now, version = version + 1 WHERE id = :id""")
        .param("failures", failures).param("next", Timestamp.from(now.plus(backoff)))
        .param("giveUp", giveUp).param("now", Timestamp.from(now)).param("id", row.id).update();
    events.record(EventTypes.INTEGRATION_REFRESH_FAILED, subject(row), "refresh", Outcome.FAILURE,
        Map.of("error", new Change(null, "provider_unavailable"), "attempt", new Change(null, failures)));
    if (giveUp && row.status != IntegrationStatus.ERROR) {
      events.record(EventTypes.INTEGRATION_STATUS_CHANGED, subject(row), "refresh", Outcome.FAILURE,
          Map.of("status", new Change(row.status.value(), IntegrationStatus.ERROR.value()),
              "status_reason", new Change(null, StatusReason.PROVIDER_UNAVAILABLE.value())));
    }
    if (!giveUp && row.expiresAt != null && row.expiresAt.isAfter(now)) {
      return Result.ok(cipher.decrypt(row.ownerId, row.accessCiphertext));
    }
    return Result.failed(new RefreshUnavailableException(backoff));
  }

  private static CredentialEvents.Subject subject(Row row) {
    return new CredentialEvents.Subject(row.ownerId, ENTITY, row.id.toString());
  }

  private static final String SELECT = """
      SELECT id, owner_id, type, status, status_reason, credential_ciphertext, refresh_token_ciphertext,
             expires_at, refresh_failures FROM integration_account""";

  private static Row row(ResultSet rs, int n) throws SQLException {
    Timestamp expires = rs.getTimestamp("expires_at");
    String reason = rs.getString("status_reason");
    return new Row(rs.getObject("id", UUID.class), rs.getString("owner_id"),
        IntegrationType.fromValue(rs.getString("type")).orElseThrow(),
        IntegrationStatus.valueOf(rs.getString("status")), reason == null ? null : StatusReason.valueOf(reason),
        rs.getString("credential_ciphertext"), rs.getString("refresh_token_ciphertext"),
        expires == null ? null : expires.toInstant(), rs.getInt("refresh_failures"));
  }

  private record Row(UUID id, String ownerId, IntegrationType type, IntegrationStatus status, StatusReason reason,
      String accessCiphertext, String refreshCiphertext, Instant expiresAt, int failures) {

    boolean usable() {
      return status == IntegrationStatus.ACTIVE && accessCiphertext != null;
    }

    /** Active, or in error only because the provider was down: a refresh may bring it back. */
    boolean refreshable() {
      return refreshCiphertext != null && (status == IntegrationStatus.ACTIVE
          || (status == IntegrationStatus.ERROR && reason == StatusReason.PROVIDER_UNAVAILABLE));
    }

    boolean expiresWithin(Instant now, Duration skew) {
      return expiresAt == null || !expiresAt.isAfter(now.plus(skew));
    }
  }

  private record Result(String accessToken, RuntimeException failure) {
    static Result ok(String token) {
      return new Result(token, null);
    }

    static Result failed(RuntimeException failure) {
      return new Result(null, failure);
    }
  }
}
