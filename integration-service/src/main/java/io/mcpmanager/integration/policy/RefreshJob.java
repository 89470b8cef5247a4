package io.mcpmanager.integration.policy;

import io.mcpmanager.integration.account.AccessTokens;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.kit.events.DisabledOwners;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refreshes OAuth access tokens before they expire. Safe with several replicas: each refresh is
 * single-flight and skips tokens another replica has just refreshed.
 */
@Component
public class RefreshJob {

  private static final Logger log = LoggerFactory.getLogger(RefreshJob.class);

  private final AccessTokens accessTokens;
  private final DisabledOwners disabledOwners;
  private final IntegrationProperties.Refresh settings;
  private final Clock clock;

  RefreshJob(
      AccessTokens accessTokens,
      DisabledOwners disabledOwners,
      IntegrationProperties properties,
      Clock clock) {
    this.accessTokens = accessTokens;
    this.disabledOwners = disabledOwners;
    this.settings = properties.refresh();
    this.clock = clock;
  }

  public int runOnce() {
    Duration lookahead = settings.skew().plus(settings.pollDelay());
    int refreshed = 0;
    // A disabled owner's tokens are not refreshed (they expire; brokering refuses them anyway).
    for (UUID id :
        disabledOwners.withoutDisabledOwners(
            "integration_account", accessTokens.dueForRefresh(clock.instant().plus(lookahead)))) {
      try {
        accessTokens.refreshIfExpiring(id, lookahead);
        refreshed++;
      } catch (RuntimeException e) {
        log.info("refresh of integration {} did not succeed: {}", id, e.getClass().getSimpleName());
      }
    }
    return refreshed;
  }
}
