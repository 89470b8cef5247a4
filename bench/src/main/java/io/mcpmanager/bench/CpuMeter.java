package io.mcpmanager.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time per request of each component during a run: robust where throughput is not, on a machine
 * whose cores other processes share. Taken from /proc (clock ticks of 10 ms), each process with its
 * children.
 */
final class CpuMeter {

  /**
   * The columns of the CPU table, in order; "other" is the machine's busy time outside stack and
   * bench.
   */
  static final List<String> COLUMNS =
      List.of(
          "gateway",
          "integration-service",
          "openbao",
          "postgres",
          "redis",
          "kafka",
          "audit-service",
          "bench",
          "other");

  private final LocalStack stack;
  private volatile Map<String, Long> before = Map.of();

  CpuMeter(LocalStack stack) {
    this.stack = stack;
  }

  /**
   * Starts measuring now (for an open-model run: when its warm-up ends, so JIT warm-up is left
   * out).
   */
  void start() {
    try {
      before = snapshot(stack);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Milliseconds of CPU per request since {@link #start()}, by column. */
  Map<String, Double> perRequest(long requests) throws IOException {
    Map<String, Long> after = snapshot(stack);
    Map<String, Double> result = new LinkedHashMap<>();
    long stackAndBench = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      if (!e.getKey().equals("machine")) {
        stackAndBench += e.getValue() - before.getOrDefault(e.getKey(), 0L);
      }
    }
    for (String column : COLUMNS) {
      long used =
          column.equals("other")
              ? after.getOrDefault("machine", 0L)
                  - before.getOrDefault("machine", 0L)
                  - stackAndBench
              : after.getOrDefault(column, 0L) - before.getOrDefault(column, 0L);
      result.put(column, Math.max(0, used) / (double) Math.max(1, requests));
    }
    return result;
  }

  private static Map<String, Long> snapshot(LocalStack stack) throws IOException {
    Map<String, Long> cpu = new LinkedHashMap<>(stack.cpuMillis());
    cpu.put("bench", LocalStack.cpuMillisOf(ProcessHandle.current().pid()));
    cpu.put("machine", machineBusyMillis());
    return cpu;
  }

  /** Busy time of all cores (/proc/stat: everything but idle and iowait). */
  private static long machineBusyMillis() throws IOException {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < cpu.length && i <= 8; i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(cpu[i]);
      }
    }
    return busy * 10;
  }
}
