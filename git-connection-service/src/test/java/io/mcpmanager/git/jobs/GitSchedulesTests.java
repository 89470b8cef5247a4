package io.mcpmanager.git.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.git.connection.TokenRefreshJob;
import io.mcpmanager.git.revocation.Disconnects;
import io.mcpmanager.oauth.OAuthStates;
import io.mcpmanager.testsupport.ServiceTest;
import java.time.Duration;
import java.util.List;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The jobs' timings come from {@code git.*} and every job is guarded by its cluster-wide lock. */
@ServiceTest
class GitSchedulesTests {

  @Autowired GitProperties properties;
  @Autowired LockingTaskExecutor locks;
  @Autowired TokenRefreshJob refreshJob;
  @Autowired Disconnects disconnects;
  @Autowired OAuthStates states;

  ScheduledTaskRegistrar register(boolean enabled) {
    GitProperties.Jobs jobs = properties.jobs();
    GitProperties withJobs =
        new GitProperties(
            properties.providers(),
            properties.credentials(),
            properties.oauth(),
            properties.http(),
            properties.connections(),
            properties.refresh(),
            properties.revocation(),
            properties.sync(),
            new GitProperties.Jobs(enabled, jobs.stateCleanupInterval(), jobs.lockAtMostFor()));
    ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
    new GitSchedules(withJobs, locks, refreshJob, disconnects, states).configureTasks(registrar);
    return registrar;
  }

  static String name(IntervalTask task) {
    return task.getRunnable()
        .toString(); // the scheduler wraps the job, the wrapper shows the job's name
  }

  @Test
  void shouldScheduleEachJobBehindItsLockAtTheConfiguredDelays() {
    List<IntervalTask> tasks = register(true).getFixedDelayTaskList();

    assertThat(tasks)
        .extracting(GitSchedulesTests::name)
        .containsExactly(
            "SingleReplicaJob[git-token-refresh]",
            "SingleReplicaJob[git-revocation-retry]",
            "SingleReplicaJob[git-oauth-state-purge]");
    assertThat(tasks)
        .extracting(IntervalTask::getIntervalDuration)
        .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(10));
    assertThat(tasks)
        .extracting(IntervalTask::getInitialDelayDuration)
        .containsExactly(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(1));
  }

  @Test
  void shouldScheduleNothingWhenTheJobsAreOff() {
    assertThat(register(false).getFixedDelayTaskList()).isEmpty();
  }
}
