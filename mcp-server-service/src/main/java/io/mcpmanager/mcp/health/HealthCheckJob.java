package io.mcpmanager.mcp.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Checks every registered server on a schedule ({@code mcp.health.interval}). */
@Component
@ConditionalOnProperty(name = "mcp.jobs.enabled", havingValue = "true", matchIfMissing = true)
class HealthCheckJob {

  private static final Logger log = LoggerFactory.getLogger(HealthCheckJob.class);

  private final HealthCheckService checks;

  HealthCheckJob(HealthCheckService checks) {
    this.checks = checks;
  }

  @Scheduled(fixedDelayString = "${mcp.health.interval:5m}", initialDelayString = "${mcp.health.interval:5m}")
  void checkAll() {
    try {
      log.debug("checked {} MCP servers", checks.checkAll());
    } catch (RuntimeException e) {
      log.warn("MCP health check run failed: {}", e.getClass().getSimpleName());
    }
  }
}
