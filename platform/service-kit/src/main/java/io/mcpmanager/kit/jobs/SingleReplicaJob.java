package io.mcpmanager.kit.jobs;

import java.time.Duration;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a periodic job on at most one replica at a time: a replica that finds the job's lock
 * held skips the run. The lock is held at least half an interval (a replica whose timer fires just
 * after another one finished does not repeat the work) and at most {@code lockAtMostFor} (a replica
 * that died mid-run blocks the job no longer than that). A failed run is logged and retried at the
 * next tick.
 */
public final class SingleReplicaJob implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(SingleReplicaJob.class);

  private final String name;
  private final Runnable job;
  private final LockingTaskExecutor locks;
  private final Duration lockAtMostFor;
  private final Duration lockAtLeastFor;

  public SingleReplicaJob(
      String name,
      Runnable job,
      LockingTaskExecutor locks,
      Duration interval,
      Duration lockAtMostFor) {
    this.name = name;
    this.job = job;
    this.locks = locks;
    this.lockAtMostFor = lockAtMostFor;
    Duration half = interval.dividedBy(2);
    this.lockAtLeastFor = half.compareTo(lockAtMostFor) < 0 ? half : lockAtMostFor;
  }

  /**
   * @return whether this replica ran the job (false: another one holds the lock)
   */
  public boolean runIfFree() {
    try {
      return locks
          .executeWithLock(
              () -> {
                job.run();
                return null;
              },
              new LockConfiguration(ClockProvider.now(), name, lockAtMostFor, lockAtLeastFor))
          .wasExecuted();
    } catch (RuntimeException e) {
      log.warn("{} job failed: {}", name, e.getClass().getSimpleName());
      return true;
    } catch (Error e) {
      throw e;
    } catch (Throwable e) { // a Runnable throws nothing else; the signature says Throwable
      throw new IllegalStateException(name + " job failed", e);
    }
  }

  @Override
  public void run() {
    runIfFree();
  }

  /** Names the job in the scheduler's task list. */
  @Override
  public String toString() {
    return "SingleReplicaJob[" + name + "]";
  }
}
