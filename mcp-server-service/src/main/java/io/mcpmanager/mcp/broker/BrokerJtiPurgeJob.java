package io.mcpmanager.mcp.broker;

import io.mcpmanager.kit.jobs.PeriodicJobs;
import io.mcpmanager.mcp.config.McpProperties;
import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes single-use ids of tokens that expired more than an hour ago, every {@code
 * mcp.broker.jti-purge-interval}.
 */
@Component
@ConditionalOnProperty(name = "mcp.jobs.enabled", havingValue = "true", matchIfMissing = true)
class BrokerJtiPurgeJob implements SchedulingConfigurer {

  private final BrokerJtiStore jtis;
  private final Clock clock;
  private final McpProperties properties;
  private final LockingTaskExecutor locks;

  BrokerJtiPurgeJob(
      BrokerJtiStore jtis, Clock clock, McpProperties properties, LockingTaskExecutor locks) {
    this.jtis = jtis;
    this.clock = clock;
    this.properties = properties;
    this.locks = locks;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    Duration interval = properties.broker().jtiPurgeInterval();
    new PeriodicJobs(registrar, locks, properties.jobs().lockAtMostFor())
        .singleReplica("mcp-broker-jti-purge", this::purge, interval, interval);
  }

  void purge() {
    jtis.purgeExpiredBefore(clock.instant().minus(Duration.ofHours(1)));
  }
}
