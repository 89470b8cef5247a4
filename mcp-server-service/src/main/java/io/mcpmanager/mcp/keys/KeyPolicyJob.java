package io.mcpmanager.mcp.keys;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Applies the key policy on a schedule: rotate keys past their maximum age, retire expired versions. */
@Component
@ConditionalOnProperty(name = "mcp.jobs.enabled", havingValue = "true", matchIfMissing = true)
class KeyPolicyJob {

  private static final Logger log = LoggerFactory.getLogger(KeyPolicyJob.class);

  private final KeyService keys;
  private final Clock clock;

  KeyPolicyJob(KeyService keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${mcp.keys.sweep-interval:5m}", initialDelayString = "${mcp.keys.sweep-interval:5m}")
  void apply() {
    try {
      int rotated = keys.rotateKeysOlderThanMaxAge(clock.instant());
      int retired = keys.retireExpiredVersions(clock.instant());
      if (rotated + retired > 0) {
        log.info("key policy: rotated {} keys, retired old versions of {} servers", rotated, retired);
      }
    } catch (RuntimeException e) {
      log.warn("key policy run failed: {}", e.getClass().getSimpleName());
    }
  }
}
