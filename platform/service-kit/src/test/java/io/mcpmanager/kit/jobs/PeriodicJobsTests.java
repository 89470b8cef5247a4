package io.mcpmanager.kit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.testsupport.ServiceTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * A job declared in one line runs at its delays behind its lock, once per interval across replicas.
 */
@ServiceTest
class PeriodicJobsTests {

  @Autowired LockingTaskExecutor locks;

  String name = "periodic-" + UUID.randomUUID();
  AtomicInteger runs = new AtomicInteger();

  @Test
  void shouldRegisterTheJobBehindItsLockAtTheGivenDelays() {
    ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();

    new PeriodicJobs(registrar, locks, Duration.ofMinutes(10))
        .singleReplica(name, runs::incrementAndGet, Duration.ofMinutes(5), Duration.ofSeconds(30));

    List<IntervalTask> tasks = registrar.getFixedDelayTaskList();
    assertThat(tasks).hasSize(1);
    assertThat(tasks.getFirst().getRunnable()).hasToString("SingleReplicaJob[" + name + "]");
    assertThat(tasks.getFirst().getIntervalDuration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(tasks.getFirst().getInitialDelayDuration()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldRunTheJobOncePerIntervalWhenTwoReplicasScheduleIt() throws InterruptedException {
    Duration interval = Duration.ofSeconds(2);
    List<ScheduledTaskRegistrar> replicas = List.of(replica(interval), replica(interval));
    try {
      Thread.sleep(5_000); // ticks at about 0 s, 2 s and 4 s on each replica
    } finally {
      for (ScheduledTaskRegistrar replica : replicas) {
        replica.destroy();
        ((ThreadPoolTaskScheduler) replica.getScheduler()).shutdown();
      }
    }

    assertThat(runs.get())
        .as("without the lock both replicas would run each tick (6)")
        .isBetween(2, 3);
  }

  private ScheduledTaskRegistrar replica(Duration interval) {
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.initialize();
    ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
    registrar.setTaskScheduler(scheduler);
    new PeriodicJobs(registrar, locks, Duration.ofMinutes(1))
        .singleReplica(name, runs::incrementAndGet, interval, Duration.ZERO);
    registrar.afterPropertiesSet();
    return registrar;
  }
}
