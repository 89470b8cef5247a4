package io.mcpmanager.mcp.health;

import io.mcpmanager.kit.jobs.PeriodicJobs;
import io.mcpmanager.mcp.config.McpProperties;
import java.time.Duration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Checks every registered server on a schedule ({@code mcp.health.interval}). */
@Component
@ConditionalOnProperty(name = "mcp.jobs.enabled", havingValue = "true", matchIfMissing = true)
class HealthCheckJob implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(HealthCheckJob.class);

  private final HealthCheckService checks;
  private final McpProperties properties;
  private final LockingTaskExecutor locks;

  HealthCheckJob(HealthCheckService checks, McpProperties properties, LockingTaskExecutor locks) {
    this.checks = checks;
    this.properties = properties;
    this.locks = locks;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    Duration interval = properties.health().interval();
    new PeriodicJobs(registrar, locks, properties.jobs().lockAtMostFor())
        .singleReplica("mcp-health-check", this::checkAll, interval, interval);
  }

  void checkAll() {
    log.debug("checked {} MCP servers", checks.checkAll());
  }
}
