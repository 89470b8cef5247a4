package io.mcpmanager.git.jobs;

import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.git.revocation.Disconnects;
import io.mcpmanager.git.token.TokenRefreshJob;
import io.mcpmanager.oauth.OAuthStates;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The periodic jobs; every replica runs them, they are safe to overlap (refreshes are single-flight,
 * pending revocations are claimed with SKIP LOCKED). Off with {@code git.jobs.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GitSchedules implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(GitSchedules.class);

  private static final Duration REVOCATION_FIRST_RUN = Duration.ofSeconds(30);
  private static final Duration STATE_CLEANUP_FIRST_RUN = Duration.ofMinutes(1);

  private final GitProperties properties;
  private final TokenRefreshJob refreshJob;
  private final Disconnects disconnects;
  private final OAuthStates states;

  GitSchedules(GitProperties properties, TokenRefreshJob refreshJob, Disconnects disconnects,
      OAuthStates states) {
    this.properties = properties;
    this.refreshJob = refreshJob;
    this.disconnects = disconnects;
    this.states = states;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (!properties.jobs().enabled()) {
      return;
    }
    Duration refresh = properties.refresh().scanInterval();
    schedule(registrar, "git-token-refresh", refreshJob::refreshDue, refresh, refresh);
    Duration revocation = properties.revocation().scanInterval();
    int batch = properties.revocation().batchSize();
    schedule(registrar, "git-revocation-retry", () -> disconnects.retryPending(batch), revocation, REVOCATION_FIRST_RUN);
    schedule(registrar, "git-oauth-state-purge", states::purgeExpired, properties.jobs().stateCleanupInterval(),
        STATE_CLEANUP_FIRST_RUN);
  }

  private void schedule(ScheduledTaskRegistrar registrar, String name, Runnable job, Duration interval,
      Duration firstRun) {
    registrar.addFixedDelayTask(new FixedDelayTask(() -> {
      try {
        job.run();
      } catch (RuntimeException e) {
        log.warn("{} job failed: {}", name, e.getClass().getSimpleName());
      }
    }, interval, firstRun));
  }
}
