package io.mcpmanager.git.jobs;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cluster-wide job locks (ShedLock) in the service's own database, table {@code shedlock}; the
 * database's clock decides when a lock expires, so replicas' clocks may drift. Knows nothing of git:
 * a candidate for the service kit.
 */
@Configuration(proxyBeanMethods = false)
class JobLocks {

  @Bean
  LockProvider jobLockProvider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
        .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
  }

  @Bean
  LockingTaskExecutor jobLockExecutor(LockProvider jobLockProvider) {
    return new DefaultLockingTaskExecutor(jobLockProvider);
  }
}
