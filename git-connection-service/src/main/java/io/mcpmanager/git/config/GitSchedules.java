package io.mcpmanager.git.config;

import io.mcpmanager.git.revocation.Disconnects;
import io.mcpmanager.git.token.TokenRefreshJob;
import io.mcpmanager.oauth.OAuthStates;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The periodic jobs; every replica runs them, they are safe to overlap (refreshes are single-flight,
 * pending revocations are taken with SKIP LOCKED). Off with {@code git.jobs.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "git.jobs.enabled", havingValue = "true", matchIfMissing = true)
class GitSchedules {

  private final TokenRefreshJob refreshJob;
  private final Disconnects disconnects;
  private final OAuthStates states;

  GitSchedules(TokenRefreshJob refreshJob, Disconnects disconnects, OAuthStates states) {
    this.refreshJob = refreshJob;
    this.disconnects = disconnects;
    this.states = states;
  }

  @Scheduled(fixedDelayString = "${git.refresh.scan-interval:1m}", initialDelayString = "${git.refresh.scan-interval:1m}")
  void refreshExpiringTokens() {
    refreshJob.refreshDue();
  }

  @Scheduled(fixedDelayString = "${git.revocation.scan-interval:1m}", initialDelayString = "30s")
  void retryRevocations() {
    disconnects.retryPending(50);
  }

  @Scheduled(fixedDelayString = "10m", initialDelayString = "1m")
  void purgeExpiredOAuthStates() {
    states.purgeExpired();
  }
}
