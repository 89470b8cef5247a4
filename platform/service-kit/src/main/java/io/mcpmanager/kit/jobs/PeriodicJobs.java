package io.mcpmanager.kit.jobs;

import java.time.Duration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Declares a service's periodic jobs, one line each, from a {@code SchedulingConfigurer}: every job
 * runs with a fixed delay behind its {@link SingleReplicaJob} lock.
 *
 * <pre>{@code
 * PeriodicJobs jobs = new PeriodicJobs(registrar, locks, properties.jobs().lockAtMostFor());
 * jobs.singleReplica("git-token-refresh", refreshJob::refreshDue, interval, firstRun);
 * }</pre>
 */
public final class PeriodicJobs {

  private final ScheduledTaskRegistrar registrar;
  private final LockingTaskExecutor locks;
  private final Duration lockAtMostFor;

  /**
   * @param lockAtMostFor a job's lock is freed after this long even if its replica died mid-run
   */
  public PeriodicJobs(
      ScheduledTaskRegistrar registrar, LockingTaskExecutor locks, Duration lockAtMostFor) {
    this.registrar = registrar;
    this.locks = locks;
    this.lockAtMostFor = lockAtMostFor;
  }

  /**
   * Runs {@code job} every {@code interval} (counted from the end of the previous run), first after
   * {@code initialDelay}, on one replica at a time; the name is the job's lock and its name in
   * logs.
   */
  public void singleReplica(String name, Runnable job, Duration interval, Duration initialDelay) {
    SingleReplicaJob locked = new SingleReplicaJob(name, job, locks, interval, lockAtMostFor);
    registrar.addFixedDelayTask(new FixedDelayTask(locked, interval, initialDelay));
  }
}
