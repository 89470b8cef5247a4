package io.mcpmanager.kit.assertion;

import io.mcpmanager.kit.jobs.JobLocksAutoConfiguration;
import io.mcpmanager.kit.jobs.PeriodicJobs;
import io.mcpmanager.kit.secrets.TransitSigner;
import io.mcpmanager.kit.secrets.TransitSignerAutoConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * A {@link CallerAssertionSigner} with {@code mcpm.assertion.signing-key}, a {@link
 * CallerAssertionVerifier} (used ids in the service's database) with {@code
 * mcpm.assertion.trusted-key}; both need Vault ({@link TransitSigner}). The name of the service
 * ({@code spring.application.name}) is the issuer of what it signs and the audience it verifies.
 */
@AutoConfiguration(
    after = {TransitSignerAutoConfiguration.class, JobLocksAutoConfiguration.class},
    afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration")
@ConditionalOnBean(TransitSigner.class)
@EnableConfigurationProperties(CallerAssertionProperties.class)
public class CallerAssertionAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "mcpm.assertion", name = "signing-key")
  CallerAssertionSigner callerAssertionSigner(
      TransitSigner signer,
      CallerAssertionProperties properties,
      Environment environment,
      ObjectProvider<Clock> clock) {
    return new CallerAssertionSigner(
        signer,
        Objects.requireNonNull(properties.signingKey()),
        environment.getRequiredProperty("spring.application.name"),
        properties.lifetime(),
        clock.getIfAvailable(Clock::systemUTC));
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(JdbcClient.class)
  @ConditionalOnProperty(
      prefix = "mcpm.assertion",
      name = {"trusted-issuer", "trusted-key"})
  static class Verification {

    @Bean
    @ConditionalOnMissingBean
    JdbcUsedAssertionIds usedAssertionIds(JdbcClient jdbc) {
      return new JdbcUsedAssertionIds(jdbc);
    }

    @Bean
    @ConditionalOnMissingBean
    CallerAssertionVerifier callerAssertionVerifier(
        TransitSigner signer,
        JdbcUsedAssertionIds used,
        CallerAssertionProperties properties,
        Environment environment,
        ObjectProvider<Clock> clock) {
      return new CallerAssertionVerifier(
          signer,
          Objects.requireNonNull(properties.trustedIssuer()),
          Objects.requireNonNull(properties.trustedKey()),
          environment.getRequiredProperty("spring.application.name"),
          used,
          properties.maxLifetime(),
          properties.clockSkew(),
          clock.getIfAvailable(Clock::systemUTC));
    }
  }

  /** Forgets used ids once their assertions have expired (past the clock skew), on one replica. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean({JdbcUsedAssertionIds.class, LockingTaskExecutor.class})
  @EnableScheduling
  static class Purge implements SchedulingConfigurer {

    private final JdbcUsedAssertionIds used;
    private final LockingTaskExecutor locks;
    private final CallerAssertionProperties properties;
    private final Clock clock;

    Purge(
        JdbcUsedAssertionIds used,
        LockingTaskExecutor locks,
        CallerAssertionProperties properties,
        ObjectProvider<Clock> clock) {
      this.used = used;
      this.locks = locks;
      this.properties = properties;
      this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
      Duration interval = properties.purgeInterval();
      new PeriodicJobs(registrar, locks, interval)
          .singleReplica(
              "caller-assertion-purge",
              () -> used.purgeExpiredBefore(clock.instant().minus(properties.clockSkew())),
              interval,
              interval);
    }
  }
}
