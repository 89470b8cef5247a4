package io.mcpmanager.integration.policy;

import io.mcpmanager.integration.account.IntegrationAccountService;
import io.mcpmanager.integration.config.IntegrationProperties;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Re-checks stored credentials against their providers to detect revocations. Replicas share the
 * work: a run claims due rows ({@link IntegrationAccountService#claimDueForRevalidation}: locked,
 * skipping rows another replica holds, next check moved in the same short transaction), so no row
 * is checked twice.
 */
@Component
public class RevalidationJob {

  private static final Logger log = LoggerFactory.getLogger(RevalidationJob.class);

  private final IntegrationAccountService accounts;
  private final IntegrationProperties.Revalidation settings;

  RevalidationJob(IntegrationAccountService accounts, IntegrationProperties properties) {
    this.accounts = accounts;
    this.settings = properties.revalidation();
  }

  /** Claims and checks one batch; returns how many credentials were checked. */
  public int runOnce() {
    List<UUID> claimed = accounts.claimDueForRevalidation(settings.batchSize());
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
