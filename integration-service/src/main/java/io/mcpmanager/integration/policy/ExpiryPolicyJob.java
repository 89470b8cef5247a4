package io.mcpmanager.integration.policy;

import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.integration.ratelimit.ValidationThrottle;
import io.mcpmanager.kit.events.CredentialEvents;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The expiration policy for API tokens (OAuth tokens renew themselves): a warning event ahead of the
 * maximum age, then {@code expired}. It also destroys previous credentials past their rollback grace
 * and updates the stale gauge (the expiring-soon gauge counts at each scrape). Each step is one
 * conditional UPDATE, so two replicas never act on the same row twice.
 */
@Component
public class ExpiryPolicyJob {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final CredentialEvents events;
  private final ValidationThrottle throttle;
  private final IntegrationMetrics metrics;
  private final IntegrationProperties.Policy policy;
  private final Clock clock;

  ExpiryPolicyJob(JdbcClient jdbc, TransactionTemplate transactions, CredentialEvents events,
      ValidationThrottle throttle, IntegrationMetrics metrics, IntegrationProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.events = events;
    this.throttle = throttle;
    this.metrics = metrics;
    this.policy = properties.policy();
    this.clock = clock;
    metrics.expiringSoon(IntegrationMetrics.EXPIRING_KIND, this::expiringSoon);
  }

  /** What one run did. */
  public record Run(int warned, int expired, int destroyed) {}

  public Run runOnce() {
    Instant now = clock.instant();
    Timestamp expireBefore = Timestamp.from(now.minus(policy.maxCredentialAge()));
    Timestamp warnBefore = Timestamp.from(now.minus(policy.maxCredentialAge()).plus(policy.expiryWarning()));
    Run run = transactions.execute(tx -> {
      int warned = jdbc.sql("""
              UPDATE integration_account SET expiry_warned_at = :now
              WHERE auth_method = 'API_TOKEN' AND status IN ('ACTIVE', 'ERROR') AND expiry_warned_at IS NULL
                AND credential_created_at <= :warnBefore AND credential_created_at > :expireBefore
              RETURNING id, owner_id, credential_created_at""")
          .param("now", Timestamp.from(now)).param("warnBefore", warnBefore).param("expireBefore", expireBefore)
          .query((rs, n) -> {
            Instant expiresAt = rs.getTimestamp("credential_created_at").toInstant().plus(policy.maxCredentialAge());
            events.record(EventTypes.INTEGRATION_EXPIRING, subject(rs), "expiry-warning", Outcome.SUCCESS,
                Map.of("expires_at", new Change(null, expiresAt)));
            return 1;
          }).list().size();
      int expired = jdbc.sql("""
              WITH due AS (
                SELECT id, status AS before FROM integration_account
                WHERE auth_method = 'API_TOKEN' AND status IN ('ACTIVE', 'ERROR')
                  AND credential_created_at <= :expireBefore FOR UPDATE SKIP LOCKED)
              UPDATE integration_account a SET status = 'EXPIRED', status_reason = 'EXPIRED_BY_POLICY',
                updated_at = :now, version = version + 1
              FROM due WHERE a.id = due.id
              RETURNING a.id, a.owner_id, due.before""")
          .param("now", Timestamp.from(now)).param("expireBefore", expireBefore)
          .query((rs, n) -> {
            events.record(EventTypes.INTEGRATION_EXPIRED, subject(rs), "expire", Outcome.SUCCESS,
                Map.of("status_reason", new Change(null, "expired_by_policy")));
            events.record(EventTypes.INTEGRATION_STATUS_CHANGED, subject(rs), "expire", Outcome.SUCCESS,
                Map.of("status", new Change(rs.getString("before").toLowerCase(), "expired")));
            return 1;
          }).list().size();
      int destroyed = jdbc.sql("""
              UPDATE integration_account SET previous_credential_ciphertext = NULL,
                previous_credential_hint = NULL, previous_credential_until = NULL
              WHERE previous_credential_until <= :now RETURNING id, owner_id""")
          .param("now", Timestamp.from(now))
          .query((rs, n) -> {
            events.record(EventTypes.INTEGRATION_UPDATED, subject(rs), "destroy-previous-credential",
                Outcome.SUCCESS, Map.of("previous_credential", new Change("kept", "destroyed")));
            return 1;
          }).list().size();
      return new Run(warned, expired, destroyed);
    });
    throttle.purgeOldWindows();
    updateStaleGauge(now);
    return run;
  }

  /** API tokens that reach their maximum age within the next 7 days (or already did, not yet expired). */
  private long expiringSoon() {
    Instant horizon = clock.instant().minus(policy.maxCredentialAge()).plus(IntegrationMetrics.EXPIRY_HORIZON);
    return jdbc.sql("""
            SELECT count(*) FROM integration_account
            WHERE auth_method = 'API_TOKEN' AND status IN ('ACTIVE', 'ERROR') AND credential_created_at <= :horizon""")
        .param("horizon", Timestamp.from(horizon)).query(Long.class).single();
  }

  private void updateStaleGauge(Instant now) {
    long stale = jdbc.sql("""
            SELECT count(*) FROM integration_account
            WHERE status = 'ACTIVE' AND coalesce(last_used_at, created_at) < :before""")
        .param("before", Timestamp.from(now.minus(policy.staleAfter()))).query(Long.class).single();
    metrics.stale(stale);
  }

  private static CredentialEvents.Subject subject(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new CredentialEvents.Subject(rs.getString("owner_id"), "integration", rs.getString("id"));
  }
}
