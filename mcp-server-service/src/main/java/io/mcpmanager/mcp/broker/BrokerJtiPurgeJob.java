package io.mcpmanager.mcp.broker;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes single-use ids of tokens that expired more than an hour ago. */
@Component
@ConditionalOnProperty(name = "mcp.jobs.enabled", havingValue = "true", matchIfMissing = true)
class BrokerJtiPurgeJob {

  private final BrokerJtiStore jtis;
  private final Clock clock;

  BrokerJtiPurgeJob(BrokerJtiStore jtis, Clock clock) {
    this.jtis = jtis;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
  void purge() {
    jtis.purgeExpiredBefore(clock.instant().minus(Duration.ofHours(1)));
  }
}
