package io.mcpmanager.systemtests.fault;

import io.mcpmanager.systemtests.Api;
import io.mcpmanager.systemtests.LocalStack;
import io.mcpmanager.systemtests.fault.CredentialLoad.Operation;
import io.mcpmanager.systemtests.fault.CredentialLoad.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One fault, injected with the launcher while the load runs: stop a component, keep it down, then
 * {@code ./mcpm up}, which returns once everything is healthy again.
 */
final class Fault {

  final String name;
  private final String[] stopCommand;
  private final Duration downFor;

  /** Times on the load's clock (ms): stop issued, stop returned, up issued, up returned. */
  long stopAt;

  long stoppedAt;
  long upAt;
  long upReturnedAt;
  int stopExit;
  int upExit;

  /** From up returned until the first acknowledgement of an operation sent after it; -1: none. */
  long recoveryMs = -1;

  /** {@code ./mcpm status --json} reported all UP after the recovery. */
  boolean allUpAgain;

  /**
   * From up returned until every change acknowledged before it was in the audit trail; -1: not
   * measured.
   */
  long auditCaughtUpMs = -1;

  Fault(String name, Duration downFor, String... stopCommand) {
    this.name = name;
    this.downFor = downFor;
    this.stopCommand = stopCommand;
  }

  void inject(LocalStack stack, CredentialLoad load) throws InterruptedException {
    stopAt = load.now();
    stopExit = stack.mcpm(Duration.ofMinutes(2), stopCommand);
    stoppedAt = load.now();
    // A deliberate outage of this length, not a wait for an outcome.
    Thread.sleep(downFor.toMillis());
    upAt = load.now();
    upExit = stack.mcpm(Duration.ofMinutes(6), "up");
    upReturnedAt = load.now();
  }

  /**
   * Operations answered while the component was down (after the stop returned, before up was
   * issued).
   */
  List<Operation> whileDown(List<Operation> ops) {
    return CredentialLoad.answeredBetween(ops, stoppedAt, upAt);
  }

  /** Operations answered from the stop command until the recovery: the fault as clients saw it. */
  List<Operation> duringFault(List<Operation> ops) {
    return CredentialLoad.answeredBetween(
        ops, stopAt, recoveryMs < 0 ? Long.MAX_VALUE : upReturnedAt + recoveryMs);
  }

  /** The first acknowledgement of an operation sent after {@code ./mcpm up} returned. */
  void measureRecovery(List<Operation> ops) {
    recoveryMs =
        ops.stream()
            .filter(o -> o.outcome() == Outcome.ACKNOWLEDGED && o.startMs() >= upReturnedAt)
            .mapToLong(o -> o.endMs() - upReturnedAt)
            .min()
            .orElse(-1);
  }

  static Map<String, Long> byStatus(List<Operation> ops) {
    return ops.stream()
        .collect(Collectors.groupingBy(Fault::label, TreeMap::new, Collectors.counting()));
  }

  static String label(Operation o) {
    return o.status() == 0 ? "no answer (" + o.error() + ")" : String.valueOf(o.status());
  }

  String describe(List<Operation> ops) {
    List<Operation> down = whileDown(ops);
    List<Operation> during = duringFault(ops);
    List<Operation> failed =
        during.stream().filter(o -> o.outcome() != Outcome.ACKNOWLEDGED).toList();
    String errorWindow =
        failed.isEmpty()
            ? "none"
            : "from stop+"
                + fmt(failed.stream().mapToLong(Operation::startMs).min().orElseThrow() - stopAt)
                + " s to up+"
                + fmt(
                    failed.stream().mapToLong(Operation::endMs).max().orElseThrow() - upReturnedAt)
                + " s";
    return String.format(
        """
        %s
          stop took %s s (exit %d), kept down %s s, ./mcpm up took %s s (exit %d); outage (stop issued -> up returned) %s s
          answered while down: %d, by status %s
          answered from stop to recovery: %d, by status %s; failures %s
          recovery (up returned -> first acknowledgement of an operation sent after it): %s
          first acknowledgement of an operation sent after up was issued: up+%s s
          audit trail caught up (up returned -> every change acknowledged before it has its row): %s
          ./mcpm status --json all UP again: %s
        """,
        name,
        fmt(stoppedAt - stopAt),
        stopExit,
        fmt(upAt - stoppedAt),
        fmt(upReturnedAt - upAt),
        upExit,
        fmt(upReturnedAt - stopAt),
        down.size(),
        byStatus(down),
        during.size(),
        byStatus(during),
        errorWindow,
        recoveryMs < 0 ? "none" : fmt(recoveryMs) + " s",
        firstAcknowledgementAfter(ops, upAt),
        auditCaughtUpMs < 0 ? "not within the wait" : fmt(auditCaughtUpMs) + " s",
        allUpAgain);
  }

  private static String firstAcknowledgementAfter(List<Operation> ops, long fromMs) {
    return ops.stream()
        .filter(o -> o.outcome() == Outcome.ACKNOWLEDGED && o.startMs() >= fromMs)
        .mapToLong(o -> o.endMs() - fromMs)
        .min()
        .stream()
        .mapToObj(Fault::fmt)
        .findFirst()
        .orElse("-");
  }

  static String fmt(long ms) {
    return String.format("%.1f", ms / 1000.0);
  }

  /** {@code ./mcpm status --json}: all components UP. */
  static boolean allUp(LocalStack stack) {
    String json = stack.mcpmOutput(Duration.ofMinutes(1), "status", "--json");
    try {
      return Api.JSON.readTree(json).path("all_up").asBoolean(false);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
