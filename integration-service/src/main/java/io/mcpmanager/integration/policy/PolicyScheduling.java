package io.mcpmanager.integration.policy;

import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.integration.oauth.OAuthConnectService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Runs the background jobs at their configured delays; each can be switched off. */
@Configuration(proxyBeanMethods = false)
class PolicyScheduling implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(PolicyScheduling.class);

  private final IntegrationProperties properties;
  private final RevalidationJob revalidation;
  private final RefreshJob refresh;
  private final ExpiryPolicyJob expiry;
  private final OAuthConnectService oauth;

  PolicyScheduling(IntegrationProperties properties, RevalidationJob revalidation, RefreshJob refresh,
      ExpiryPolicyJob expiry, OAuthConnectService oauth) {
    this.oauth = oauth;
    this.properties = properties;
    this.revalidation = revalidation;
    this.refresh = refresh;
    this.expiry = expiry;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (properties.revalidation().enabled()) {
      schedule(registrar, "revalidation", revalidation::runOnce, properties.revalidation().pollDelay());
    }
    if (properties.refresh().enabled()) {
      schedule(registrar, "refresh", refresh::runOnce, properties.refresh().pollDelay());
    }
    if (properties.policy().enabled()) {
      schedule(registrar, "expiry-policy", expiry::runOnce, properties.policy().pollDelay());
      schedule(registrar, "oauth-state-purge", oauth::purgeExpiredStates, properties.policy().pollDelay());
    }
  }

  private static void schedule(ScheduledTaskRegistrar registrar, String name, Runnable job, Duration delay) {
    registrar.addFixedDelayTask(new FixedDelayTask(() -> {
      try {
        job.run();
      } catch (RuntimeException e) {
        log.warn("{} job failed: {}", name, e.getClass().getSimpleName());
      }
    }, delay, delay));
  }
}
