package io.mcpmanager.kit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** When a service gets job locks; nothing here connects to a database. */
class JobLocksAutoConfigurationTests {

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(JobLocksAutoConfiguration.class));

  @Test
  void shouldLockJobsInTheServicesDatabase() {
    contexts
        .withBean(DataSource.class, SimpleDriverDataSource::new)
        .run(
            context -> {
              assertThat(context).hasSingleBean(LockingTaskExecutor.class);
              assertThat(context.getBean(LockProvider.class))
                  .isInstanceOf(JdbcTemplateLockProvider.class);
            });
  }

  @Test
  void shouldGiveNoLocksWithoutADatabaseOrWithoutShedLock() {
    contexts.run(
        context ->
            assertThat(context)
                .doesNotHaveBean(LockProvider.class)
                .doesNotHaveBean(LockingTaskExecutor.class));
    contexts
        .withBean(DataSource.class, SimpleDriverDataSource::new)
        .withClassLoader(new FilteredClassLoader(JdbcTemplateLockProvider.class))
        .run(context -> assertThat(context).doesNotHaveBean(LockProvider.class));
  }

  @Test
  void shouldLeaveTheServicesOwnLockProviderInPlace() {
    LockProvider own = configuration -> Optional.empty();
    contexts
        .withBean(DataSource.class, SimpleDriverDataSource::new)
        .withBean(LockProvider.class, () -> own)
        .run(context -> assertThat(context.getBean(LockProvider.class)).isSameAs(own));
  }
}
