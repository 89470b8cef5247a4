package io.mcpmanager.kit.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.testsupport.ServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A periodic job runs on one replica at a time: the lock lives in the service's database
 * (ShedLock), its table comes from {@code db/platform}.
 */
@ServiceTest
@ExtendWith(OutputCaptureExtension.class)
class SingleReplicaJobTests {

  static final Duration INTERVAL = Duration.ofMinutes(1);

  @Autowired LockProvider lockProvider;
  @Autowired LockingTaskExecutor locks;
  @Autowired JdbcClient jdbc;

  String name = "test-job-" + UUID.randomUUID();
  AtomicInteger runs = new AtomicInteger();

  SingleReplicaJob job(Runnable work) {
    return new SingleReplicaJob(name, work, locks, INTERVAL, Duration.ofMinutes(10));
  }

  @Test
  void shouldSkipTheRunWhileAnotherReplicaHoldsTheJobsLock() {
    SimpleLock otherReplica =
        lockProvider
            .lock(new LockConfiguration(Instant.now(), name, Duration.ofMinutes(1), Duration.ZERO))
            .orElseThrow();

    assertThat(job(runs::incrementAndGet).runIfFree()).isFalse();
    assertThat(runs).hasValue(0);

    otherReplica.unlock();
    assertThat(job(runs::incrementAndGet).runIfFree()).isTrue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void shouldKeepTheLockForHalfAnIntervalSoAnotherReplicasTimerDoesNotRepeatTheRun() {
    assertThat(job(runs::incrementAndGet).runIfFree()).isTrue();
    assertThat(job(runs::incrementAndGet).runIfFree()).isFalse();

    assertThat(runs).hasValue(1);
    assertThat(
            jdbc.sql(
                    "SELECT lock_until > timezone('utc', now()) + interval '20 seconds' FROM shedlock WHERE name = ?")
                .param(name)
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void shouldLogAFailedRunAndFreeTheJobForTheNextTick(CapturedOutput output) {
    SingleReplicaJob failing =
        new SingleReplicaJob(
            name,
            () -> {
              runs.incrementAndGet();
              throw new IllegalStateException("provider down");
            },
            locks,
            Duration.ZERO,
            Duration.ofMinutes(10));

    failing.run();
    failing.run();

    assertThat(runs).hasValue(2);
    assertThat(output)
        .contains(name + " job failed: IllegalStateException")
        .doesNotContain("provider down");
  }
}
