package io.mcpmanager.mcp.keys;

import io.mcpmanager.kit.jobs.PeriodicJobs;
import io.mcpmanager.mcp.config.McpProperties;
import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Applies the key policy on a schedule ({@code mcp.keys.sweep-interval}): rotate keys past their
 * maximum age, retire expired versions. One replica at a time (its job lock).
 */
@Component
@ConditionalOnProperty(name = "mcp.jobs.enabled", havingValue = "true", matchIfMissing = true)
class KeyPolicyJob implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(KeyPolicyJob.class);

  private final KeyService keys;
  private final Clock clock;
  private final McpProperties properties;
  private final LockingTaskExecutor locks;

  KeyPolicyJob(KeyService keys, Clock clock, McpProperties properties, LockingTaskExecutor locks) {
    this.keys = keys;
    this.clock = clock;
    this.properties = properties;
    this.locks = locks;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    Duration interval = properties.keys().sweepInterval();
    new PeriodicJobs(registrar, locks, properties.jobs().lockAtMostFor())
        .singleReplica(KeyService.JOB, this::apply, interval, interval);
  }

  void apply() {
    int rotated = keys.rotateKeysOlderThanMaxAge(clock.instant());
    int retired = keys.retireExpiredVersions(clock.instant());
    if (rotated + retired > 0) {
      log.info("key policy: rotated {} keys, retired old versions of {} servers", rotated, retired);
    }
  }
}
