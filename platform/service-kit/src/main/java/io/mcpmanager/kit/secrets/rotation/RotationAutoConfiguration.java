package io.mcpmanager.kit.secrets.rotation;

import io.mcpmanager.kit.jobs.JobLocksAutoConfiguration;
import io.mcpmanager.kit.jobs.PeriodicJobs;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.secrets.TransitKeyVersions;
import io.mcpmanager.kit.secrets.VaultAutoConfiguration;
import io.mcpmanager.kit.secrets.VaultProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.vault.core.VaultTemplate;

/**
 * The {@link RewrapJob} of a service that declares its {@link CiphertextStore}s, run on one replica
 * at a time every {@code mcpm.vault.rotation.interval} unless {@code
 * mcpm.vault.rotation.enabled=false} (the job stays a bean, for a run on demand). A service without
 * stores gets no job: its key's old versions are never retired, which is safe.
 */
@AutoConfiguration(after = {VaultAutoConfiguration.class, JobLocksAutoConfiguration.class})
@ConditionalOnBean({SecretCipher.class, VaultTemplate.class, CiphertextStore.class})
@EnableConfigurationProperties(RotationProperties.class)
public class RotationAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  RewrapJob rewrapJob(
      SecretCipher cipher,
      VaultTemplate vault,
      VaultProperties vaultProperties,
      ObjectProvider<CiphertextStore> stores,
      RotationProperties properties,
      ObjectProvider<MeterRegistry> registry,
      ObjectProvider<Clock> clock) {
    return new RewrapJob(
        cipher,
        new TransitKeyVersions(vault, vaultProperties.transitPath(), cipher.keyName()),
        stores.orderedStream().toList(),
        properties,
        registry.getIfAvailable(() -> Metrics.globalRegistry),
        clock.getIfAvailable(Clock::systemUTC));
  }

  /** Registers the job with the service's scheduler (behind a ShedLock lock). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(LockingTaskExecutor.class)
  @ConditionalOnProperty(
      prefix = "mcpm.vault.rotation",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  @EnableScheduling
  static class RewrapScheduling implements SchedulingConfigurer {

    static final String JOB_NAME = "vault-rewrap";

    private final RewrapJob job;
    private final LockingTaskExecutor locks;
    private final RotationProperties properties;

    RewrapScheduling(RewrapJob job, LockingTaskExecutor locks, RotationProperties properties) {
      this.job = job;
      this.locks = locks;
      this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
      new PeriodicJobs(registrar, locks, properties.lockAtMostFor())
          .singleReplica(JOB_NAME, job::run, properties.interval(), properties.initialDelay());
    }
  }
}
