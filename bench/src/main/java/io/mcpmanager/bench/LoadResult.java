package io.mcpmanager.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * What an open-model run measured: latency over the measured window, and per second for the charts.
 */
record LoadResult(
    String name,
    double rate,
    int warmupSeconds,
    int seconds,
    Histogram overall,
    Histogram[] perSecond,
    AtomicLongArray errorsPerSecond,
    AtomicLongArray completedPerSecond,
    long errors,
    String loadBefore,
    String loadAfter) {

  double millis(double percentile) {
    return overall.getValueAtPercentile(percentile) / 1000.0;
  }

  long requests() {
    return overall.getTotalCount();
  }

  /** Completions per second over the measured window (what the stack actually served). */
  double achievedRate() {
    long sum = 0;
    for (int s = warmupSeconds; s < seconds; s++) {
      sum += completedPerSecond.get(s);
    }
    return sum / (double) (seconds - warmupSeconds);
  }
}
