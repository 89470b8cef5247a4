package io.mcpmanager.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maximum throughput, closed loop: {@code workers} virtual threads each send the next request as
 * soon as the previous one returns. Completions after the warm-up divided by the measured time =
 * saturated throughput.
 */
final class ClosedLoopProbe {

  record Result(String name, int workers, double throughput, long errors, String load) {}

  private ClosedLoopProbe() {}

  static Result run(
      String name, int workers, Duration warmup, Duration measured, OpenLoad.Call call)
      throws InterruptedException {
    AtomicBoolean counting = new AtomicBoolean(false);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    long i = 0;
                    while (running.get()) {
                      boolean ok;
                      try {
                        ok = call.call(i++);
                      } catch (Exception e) {
                        ok = false;
                      }
                      if (counting.get()) {
                        done.incrementAndGet();
                        if (!ok) {
                          errors.incrementAndGet();
                        }
                      }
                    }
                  }));
    }
    Thread.sleep(warmup);
    counting.set(true);
    long started = System.nanoTime();
    Thread.sleep(measured);
    counting.set(false);
    double elapsed = (System.nanoTime() - started) / 1e9;
    running.set(false);
    for (Thread t : threads) {
      t.join(15_000);
    }
    return new Result(name, workers, done.get() / elapsed, errors.get(), Machine.loadAverage());
  }
}
