package io.mcpmanager.git.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

@Configuration(proxyBeanMethods = false)
class GitConfiguration {

  /** Background repository syncs: virtual threads (they mostly wait on the provider), bounded. */
  @Bean(destroyMethod = "close")
  SimpleAsyncTaskExecutor repositorySyncExecutor() {
    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("repo-sync-");
    executor.setVirtualThreads(true);
    executor.setConcurrencyLimit(16);
    executor.setTaskTerminationTimeout(5_000);
    return executor;
  }
}
