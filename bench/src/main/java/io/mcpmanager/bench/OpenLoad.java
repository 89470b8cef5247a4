package io.mcpmanager.bench;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Open-model load: request i is due at start + i/rate whatever happened to earlier requests, runs
 * on its own virtual thread, and its latency is measured from that intended start (no coordinated
 * omission).
 */
final class OpenLoad {

  /** One unit of work; true when it succeeded. */
  @FunctionalInterface
  interface Call {
    boolean call(long index) throws Exception;
  }

  private OpenLoad() {}

  static LoadResult run(String name, double rate, Duration warmup, Duration measured, Call call) {
    return run(name, rate, warmup, measured, call, () -> {});
  }

  /** As above; {@code atMeasuredStart} runs when the warm-up's last request has been sent. */
  static LoadResult run(
      String name,
      double rate,
      Duration warmup,
      Duration measured,
      Call call,
      Runnable atMeasuredStart) {
    int warmupSeconds = (int) warmup.toSeconds();
    int seconds = warmupSeconds + (int) measured.toSeconds();
    long total = (long) (rate * seconds);
    long interval = (long) (1_000_000_000L / rate);
    Histogram[] perSecond = new Histogram[seconds];
    for (int i = 0; i < seconds; i++) {
      perSecond[i] = new ConcurrentHistogram(60_000_000L, 3);
    }
    ConcurrentHistogram overall = new ConcurrentHistogram(60_000_000L, 3);
    AtomicLongArray errors = new AtomicLongArray(seconds);
    AtomicLongArray completed = new AtomicLongArray(seconds + 120);
    String loadBefore = Machine.loadAverage();
    long start = System.nanoTime() + 20_000_000L;
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      long firstMeasured = (long) (rate * warmupSeconds);
      for (long i = 0; i < total; i++) {
        if (i == firstMeasured) {
          atMeasuredStart.run();
        }
        long intended = start + i * interval;
        long wait;
        while ((wait = intended - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        long index = i;
        executor.submit(
            () -> {
              boolean ok;
              try {
                ok = call.call(index);
              } catch (Exception e) {
                ok = false;
              }
              long end = System.nanoTime();
              long micros = Math.max(1, (end - intended) / 1000);
              int second = (int) Math.min(seconds - 1, (intended - start) / 1_000_000_000L);
              perSecond[second].recordValue(Math.min(micros, 60_000_000L));
              if (second >= warmupSeconds) {
                overall.recordValue(Math.min(micros, 60_000_000L));
                if (!ok) {
                  errors.incrementAndGet(second);
                }
              } else if (!ok) {
                errors.incrementAndGet(second);
              }
              int doneSecond =
                  (int) Math.min(completed.length() - 1, (end - start) / 1_000_000_000L);
              completed.incrementAndGet(doneSecond);
            });
      }
    }
    long measuredErrors = 0;
    for (int s = warmupSeconds; s < seconds; s++) {
      measuredErrors += errors.get(s);
    }
    return new LoadResult(
        name,
        rate,
        warmupSeconds,
        seconds,
        overall,
        perSecond,
        errors,
        completed,
        measuredErrors,
        loadBefore,
        Machine.loadAverage());
  }
}
