package io.mcpmanager.integration.policy;

import io.mcpmanager.integration.account.IntegrationAccountService;
import io.mcpmanager.integration.config.IntegrationProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-checks stored credentials against their providers to detect revocations. Replicas share the
 * work: a run claims due rows with {@code FOR UPDATE SKIP LOCKED} and moves their next check
 * (interval plus random jitter) in the same short transaction, so no row is checked twice.
 */
@Component
public class RevalidationJob {

  private static final Logger log = LoggerFactory.getLogger(RevalidationJob.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final IntegrationAccountService accounts;
  private final IntegrationProperties.Revalidation settings;
  private final Clock clock;

  RevalidationJob(JdbcClient jdbc, TransactionTemplate transactions, IntegrationAccountService accounts,
      IntegrationProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.accounts = accounts;
    this.settings = properties.revalidation();
    this.clock = clock;
  }

  /** Claims and checks one batch; returns how many credentials were checked. */
  public int runOnce() {
    Instant now = clock.instant();
    List<UUID> claimed = transactions.execute(tx -> {
      List<UUID> ids = jdbc.sql("""
              SELECT id FROM integration_account
              WHERE status IN ('ACTIVE', 'ERROR') AND credential_ciphertext IS NOT NULL
                AND next_validation_at <= :now
              ORDER BY next_validation_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
          .param("now", Timestamp.from(now)).param("batch", settings.batchSize()).query(UUID.class).list();
      if (!ids.isEmpty()) {
        jdbc.sql("""
                UPDATE integration_account
                SET next_validation_at = CAST(:base AS timestamptz) + random() * :jitter * interval '1 millisecond'
                WHERE id IN (:ids)""")
            .param("base", Timestamp.from(now.plus(settings.interval())))
            .param("jitter", (double) settings.jitter().toMillis()).param("ids", ids).update();
      }
      return ids;
    });
    for (UUID id : claimed) {
      try {
        accounts.revalidate(id);
      } catch (RuntimeException e) {
        log.warn("re-validation of integration {} failed: {}", id, e.getClass().getSimpleName());
      }
    }
    return claimed.size();
  }
}
