package io.mcpmanager.integration.policy;

import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.integration.oauth.CredentialRefresher;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refreshes OAuth access tokens before they expire. Safe with several replicas: the refresher
 * locks each row and skips tokens another replica has just refreshed.
 */
@Component
public class RefreshJob {

  private static final Logger log = LoggerFactory.getLogger(RefreshJob.class);

  private final JdbcClient jdbc;
  private final CredentialRefresher refresher;
  private final IntegrationProperties.Refresh settings;
  private final Clock clock;

  RefreshJob(JdbcClient jdbc, CredentialRefresher refresher, IntegrationProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.refresher = refresher;
    this.settings = properties.refresh();
    this.clock = clock;
  }

  public int runOnce() {
    Instant now = clock.instant();
    Duration lookahead = settings.skew().plus(settings.pollDelay());
    List<UUID> due = jdbc.sql("""
            SELECT id FROM integration_account
            WHERE auth_method = 'OAUTH' AND refresh_token_ciphertext IS NOT NULL
              AND (status = 'ACTIVE' OR (status = 'ERROR' AND status_reason = 'PROVIDER_UNAVAILABLE'))
              AND expires_at <= :horizon AND (next_refresh_at IS NULL OR next_refresh_at <= :now)
            ORDER BY expires_at LIMIT 100""")
        .param("horizon", Timestamp.from(now.plus(lookahead))).param("now", Timestamp.from(now))
        .query(UUID.class).list();
    int refreshed = 0;
    for (UUID id : due) {
      try {
        refresher.refreshIfExpiring(id, lookahead);
        refreshed++;
      } catch (RuntimeException e) {
        log.info("refresh of integration {} did not succeed: {}", id, e.getClass().getSimpleName());
      }
    }
    return refreshed;
  }
}
