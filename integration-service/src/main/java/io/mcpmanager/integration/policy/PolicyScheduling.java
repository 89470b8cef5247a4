package io.mcpmanager.integration.policy;

import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.integration.oauth.OAuthConnectService;
import io.mcpmanager.kit.jobs.PeriodicJobs;
import java.time.Duration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the background jobs at their configured delays, each on one replica at a time (the service
 * kit's {@link PeriodicJobs}); each can be switched off. Overlap would still be safe (the jobs
 * claim their rows with SKIP LOCKED), only wasted.
 */
@Configuration(proxyBeanMethods = false)
class PolicyScheduling implements SchedulingConfigurer {

  private final IntegrationProperties properties;
  private final LockingTaskExecutor locks;
  private final RevalidationJob revalidation;
  private final RefreshJob refresh;
  private final ExpiryPolicyJob expiry;
  private final OAuthConnectService oauth;

  PolicyScheduling(
      IntegrationProperties properties,
      LockingTaskExecutor locks,
      RevalidationJob revalidation,
      RefreshJob refresh,
      ExpiryPolicyJob expiry,
      OAuthConnectService oauth) {
    this.properties = properties;
    this.locks = locks;
    this.revalidation = revalidation;
    this.refresh = refresh;
    this.expiry = expiry;
    this.oauth = oauth;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    PeriodicJobs jobs = new PeriodicJobs(registrar, locks, properties.jobs().lockAtMostFor());
    if (properties.revalidation().enabled()) {
      Duration delay = properties.revalidation().pollDelay();
      jobs.singleReplica("integration-revalidation", revalidation::runOnce, delay, delay);
    }
    if (properties.refresh().enabled()) {
      Duration delay = properties.refresh().pollDelay();
      jobs.singleReplica("integration-refresh", refresh::runOnce, delay, delay);
    }
    if (properties.policy().enabled()) {
      Duration delay = properties.policy().pollDelay();
      jobs.singleReplica("integration-expiry-policy", expiry::runOnce, delay, delay);
      jobs.singleReplica("integration-oauth-state-purge", oauth::purgeExpiredStates, delay, delay);
    }
  }
}
