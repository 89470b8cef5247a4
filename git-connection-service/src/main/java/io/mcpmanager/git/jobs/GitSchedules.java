package io.mcpmanager.git.jobs;

import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.git.connection.TokenRefreshJob;
import io.mcpmanager.git.revocation.Disconnects;
import io.mcpmanager.kit.jobs.PeriodicJobs;
import io.mcpmanager.oauth.OAuthStates;
import java.time.Duration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The periodic jobs, each on one replica at a time (the service kit's {@link PeriodicJobs}).
 * Overlap would still be safe (refreshes are single-flight, queued revocations are claimed), only
 * wasted. Off with {@code git.jobs.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GitSchedules implements SchedulingConfigurer {

  private static final Duration REVOCATION_FIRST_RUN = Duration.ofSeconds(30);
  private static final Duration STATE_CLEANUP_FIRST_RUN = Duration.ofMinutes(1);

  private final GitProperties properties;
  private final LockingTaskExecutor locks;
  private final TokenRefreshJob refreshJob;
  private final Disconnects disconnects;
  private final OAuthStates states;

  GitSchedules(
      GitProperties properties,
      LockingTaskExecutor locks,
      TokenRefreshJob refreshJob,
      Disconnects disconnects,
      OAuthStates states) {
    this.properties = properties;
    this.locks = locks;
    this.refreshJob = refreshJob;
    this.disconnects = disconnects;
    this.states = states;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (!properties.jobs().enabled()) {
      return;
    }
    PeriodicJobs jobs = new PeriodicJobs(registrar, locks, properties.jobs().lockAtMostFor());
    Duration refresh = properties.refresh().scanInterval();
    jobs.singleReplica("git-token-refresh", refreshJob::refreshDue, refresh, refresh);
    int batch = properties.revocation().batchSize();
    jobs.singleReplica(
        "git-revocation-retry",
        () -> disconnects.retryPending(batch),
        properties.revocation().scanInterval(),
        REVOCATION_FIRST_RUN);
    jobs.singleReplica(
        "git-oauth-state-purge",
        states::purgeExpired,
        properties.jobs().stateCleanupInterval(),
        STATE_CLEANUP_FIRST_RUN);
  }
}
