package io.mcpmanager.systemtests.fault;

import static io.mcpmanager.systemtests.Api.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpmanager.systemtests.Api;
import io.mcpmanager.systemtests.LocalStack;
import io.mcpmanager.systemtests.StackExtension;
import io.mcpmanager.systemtests.fault.AuditLedger.Result;
import io.mcpmanager.systemtests.fault.CredentialLoad.Operation;
import io.mcpmanager.systemtests.fault.CredentialLoad.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9, item 3: credential changes keep flowing through the gateway while the broker, the
 * database, Vault and the audit service fail one after another; afterwards every acknowledged
 * change is in the audit trail exactly once, refusals were clean 503s, and nothing was
 * half-written. Runs last: it restarts components under the other tests' feet otherwise.
 */
@Order(3)
@ExtendWith(StackExtension.class)
class FaultInjectionTest {

  static final int ACKNOWLEDGEMENTS = 5_000;

  /**
   * Arrivals per second; the benchmarks measured create/rotate at 50/s within budget on this
   * machine.
   */
  static final double RATE = 50;

  static final int LANES = 16;
  static final Duration RECOVERY_BUDGET = Duration.ofSeconds(30);

  /** Load between two faults, so each fault starts from a recovered stack. */
  static final Duration STEADY = Duration.ofSeconds(8);

  @Test
  void everyAcknowledgedChangeIsAuditedExactlyOnceWhileBrokerDatabaseVaultAndAuditServiceFail()
      throws Exception {
    LocalStack stack = LocalStack.get();
    List<String> users = loadUsers(stack);
    Map<String, String> owners =
        users.stream().collect(Collectors.toMap(u -> u, FaultInjectionTest::subject));
    CredentialLoad load = new CredentialLoad(stack, users, RATE);
    List<Fault> faults =
        List.of(
            new Fault(
                "Kafka broker killed (kill -9) and restarted",
                Duration.ofSeconds(5),
                "stop",
                "kafka",
                "--kill"),
            new Fault(
                "PostgreSQL stopped and restarted", Duration.ofSeconds(5), "stop", "postgres"),
            new Fault(
                "Vault (OpenBao) stopped for 10 s and restarted",
                Duration.ofSeconds(10),
                "stop",
                "openbao"),
            new Fault(
                "audit-service stopped and restarted",
                Duration.ofSeconds(5),
                "stop",
                "audit-service"));

    long started = System.nanoTime();
    load.start();
    try {
      steady(load, STEADY);
      for (Fault fault : faults) {
        fault.inject(stack, load);
        eventually(
            RECOVERY_BUDGET.plusSeconds(30),
            Duration.ofMillis(200),
            () -> {
              fault.measureRecovery(load.operations());
              return fault.recoveryMs >= 0;
            });
        fault.allUpAgain =
            eventually(Duration.ofSeconds(90), Duration.ofSeconds(2), () -> Fault.allUp(stack));
        measureAuditCatchUp(fault, load, owners.values());
        steady(load, STEADY);
      }
      eventually(
          Duration.ofMinutes(4),
          Duration.ofSeconds(1),
          () -> load.acknowledged() >= ACKNOWLEDGEMENTS);
    } finally {
      load.stop();
    }
    long loadSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    load.reconcileAll(Duration.ofSeconds(60));
    List<Operation> ops = load.operations();
    Set<String> foundAfterUnknown =
        load.reconciliations().stream()
            .map(CredentialLoad.Reconciliation::foundAccountId)
            .filter(java.util.Objects::nonNull)
            .collect(Collectors.toSet());

    // The audit pipeline catches up (outbox relay -> Kafka -> audit-service): bounded wait.
    AtomicReference<Result> ledger = new AtomicReference<>();
    long catchUpStart = System.nanoTime();
    eventually(
        Duration.ofSeconds(90),
        Duration.ofSeconds(1),
        () -> {
          Result r = AuditLedger.compare(ops, owners.values(), foundAfterUnknown);
          ledger.set(r);
          return r.lost().isEmpty() && r.pendingOutbox() == 0 && r.inconsistent().isEmpty();
        });
    long catchUpMs = Duration.ofNanos(System.nanoTime() - catchUpStart).toMillis();
    Result result = ledger.get();
    boolean allUpAtEnd = Fault.allUp(stack);
    String report = report(ops, load, faults, result, loadSeconds, catchUpMs, allUpAtEnd);
    System.out.println(report);
    Path file = stack.root.resolve("system-tests/target/fault-injection.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, report, StandardCharsets.UTF_8);

    assertThat(load.acknowledged())
        .as("acknowledged operations")
        .isGreaterThanOrEqualTo(ACKNOWLEDGEMENTS);
    assertThat(ops.stream().filter(o -> o.status() == 500).limit(5).toList())
        .as("answers that are 500")
        .isEmpty();
    assertThat(result.lost()).as("acknowledged changes with no audit row (lost)").isEmpty();
    assertThat(result.duplicated())
        .as("acknowledged changes with more than one audit row")
        .isEmpty();
    assertThat(result.pendingOutbox()).as("outbox events not delivered").isZero();
    assertThat(result.unknownAccounts())
        .as("integrations that no acknowledged create made (half-written)")
        .isEmpty();
    assertThat(result.inconsistent())
        .as("integrations whose stored state disagrees with the audit trail")
        .isEmpty();
    Map<CredentialLoad.Kind, Long> unknownByKind =
        ops.stream()
            .filter(o -> o.outcome() == Outcome.UNKNOWN)
            .collect(Collectors.groupingBy(Operation::kind, Collectors.counting()));
    assertThat(result.unexplained().getOrDefault(AuditLedger.ROTATED, 0).longValue())
        .as(
            "token-rotated rows that no acknowledged rotation explains, beyond the rotations whose answer was lost")
        .isLessThanOrEqualTo(unknownByKind.getOrDefault(CredentialLoad.Kind.ROTATE, 0L));
    assertThat(result.unexplained().getOrDefault(AuditLedger.REVOKED, 0).longValue())
        .isLessThanOrEqualTo(unknownByKind.getOrDefault(CredentialLoad.Kind.DELETE, 0L));
    assertThat(result.unexplained().getOrDefault(AuditLedger.CREATED, 0).longValue())
        .isLessThanOrEqualTo(foundAfterUnknown.size());
    // A lane creates only when it knows it has no integration: "already exists" means an earlier
    // create
    // that was refused wrote something after all (or one whose answer was lost finished late).
    assertThat(createConflicts(ops))
        .as("creates answered 409: an earlier create was half-written")
        .isLessThanOrEqualTo(unknownByKind.getOrDefault(CredentialLoad.Kind.CREATE, 0L));
    for (Fault fault : faults) {
      assertThat(fault.stopExit).as(fault.name + ": stop exit").isZero();
      assertThat(fault.upExit).as(fault.name + ": ./mcpm up exit").isZero();
      assertThat(fault.recoveryMs)
          .as(fault.name + ": recovery (ms)")
          .isBetween(0L, RECOVERY_BUDGET.toMillis());
      assertThat(fault.allUpAgain).as(fault.name + ": ./mcpm status --json all UP again").isTrue();
    }
    assertRefusalsAreCleanUnavailable(faults.get(1), ops);
    assertRefusalsAreCleanUnavailable(faults.get(2), ops);
    assertThat(count(faults.get(2).whileDown(ops), Outcome.REJECTED))
        .as("Vault down: creates and rotations refused")
        .isPositive();
    for (Fault fault : List.of(faults.get(0), faults.get(3))) {
      assertThat(count(fault.whileDown(ops), Outcome.ACKNOWLEDGED))
          .as(
              fault.name
                  + ": acknowledged while down (no request waits for Kafka or the audit service)")
          .isPositive();
    }
    assertThat(allUpAtEnd).as("./mcpm status --json: all UP after the faults").isTrue();
  }

  /**
   * Answers from the stop until the recovery: whatever was not acknowledged was a 503 with
   * Retry-After and a problem+json body (the platform's promise for a dependency that is down),
   * nothing else.
   */
  private static void assertRefusalsAreCleanUnavailable(Fault fault, List<Operation> ops) {
    List<Operation> other =
        fault.duringFault(ops).stream()
            .filter(o -> o.outcome() != Outcome.ACKNOWLEDGED)
            .filter(o -> o.status() != 503 || o.retryAfter() == null || !o.problemJson())
            .limit(5)
            .toList();
    assertThat(other)
        .as(fault.name + ": failures that are not 503 + Retry-After + problem+json")
        .isEmpty();
  }

  private static long createConflicts(List<Operation> ops) {
    return ops.stream()
        .filter(o -> o.kind() == CredentialLoad.Kind.CREATE && o.status() == 409)
        .count();
  }

  private static long count(List<Operation> ops, Outcome outcome) {
    return ops.stream().filter(o -> o.outcome() == outcome).count();
  }

  /**
   * Polls the audit database until the changes acknowledged before the restart are all in the
   * trail.
   */
  private static void measureAuditCatchUp(
      Fault fault, CredentialLoad load, java.util.Collection<String> owners) {
    List<Operation> before =
        load.operations().stream()
            .filter(o -> o.outcome() == Outcome.ACKNOWLEDGED && o.endMs() <= fault.upReturnedAt)
            .toList();
    // Not within the wait: reported as such; the final comparison asserts that nothing is lost.
    eventually(
        Duration.ofSeconds(60),
        Duration.ofMillis(500),
        () -> {
          if (AuditLedger.compare(before, owners, Set.of()).lost().isEmpty()) {
            fault.auditCaughtUpMs = load.now() - fault.upReturnedAt;
            return true;
          }
          return false;
        });
  }

  /**
   * Awaitility's until, with a timeout as false: the figures are reported before anything is
   * asserted.
   */
  private static boolean eventually(
      Duration atMost, Duration poll, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(atMost).pollInterval(poll).until(condition);
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  private static void steady(CredentialLoad load, Duration duration) {
    long until = load.now() + duration.toMillis();
    await()
        .atMost(duration.plusSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> load.now() >= until);
  }

  /**
   * Users of their own (one Notion integration each), created by the admin and logged in before any
   * fault.
   */
  private static List<String> loadUsers(LocalStack stack) {
    List<String> users = new ArrayList<>();
    for (int i = 1; i <= LANES; i++) {
      String username = String.format("load%02d", i);
      Api.Response created =
          Api.send(
              "admin",
              "POST",
              LocalStack.ISSUER + "/api/admin/users",
              map("username", username, "password", stack.password, "roles", List.of("USER")),
              null);
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      Api.token(username);
      users.add(username);
    }
    return users;
  }

  /** The user id the services see: the subject of the user's access token. */
  private static String subject(String user) {
    String payload = Api.token(user).split("\\.")[1];
    return Api.JSON.readTree(Base64.getUrlDecoder().decode(payload)).path("sub").asString();
  }

  private static String report(
      List<Operation> ops,
      CredentialLoad load,
      List<Fault> faults,
      Result r,
      long loadSeconds,
      long catchUpMs,
      boolean allUpAtEnd) {
    Map<String, Long> rejected =
        Fault.byStatus(ops.stream().filter(o -> o.outcome() == Outcome.REJECTED).toList());
    Map<String, Long> unknown =
        Fault.byStatus(ops.stream().filter(o -> o.outcome() == Outcome.UNKNOWN).toList());
    Map<String, Long> byKind =
        ops.stream()
            .filter(o -> o.outcome() == Outcome.ACKNOWLEDGED)
            .collect(
                Collectors.groupingBy(
                    o -> o.kind().name().toLowerCase(),
                    java.util.TreeMap::new,
                    Collectors.counting()));
    StringBuilder s = new StringBuilder();
    s.append(
        "==== Fault injection: credential changes through the gateway while components fail\n");
    s.append(
        String.format(
            "load: %.0f arrivals/s over %d lanes (one user each), %d s; operations sent %d, "
                + "arrivals not sent (every lane busy) %d%n",
            RATE, LANES, loadSeconds, ops.size(), load.notSent()));
    s.append(String.format("acknowledged (2xx): %d %s%n", load.acknowledged(), byKind));
    s.append(String.format("rejected by status: %s%n", rejected));
    s.append(
        String.format(
            "unknown outcome (no answer, 502, 504; neither acknowledged nor lost): %d %s%n",
            unknown.values().stream().mapToLong(Long::longValue).sum(), unknown));
    s.append(
        String.format(
            "lookups after an unknown outcome or a conflict: %d; creates answered 409: %d%n",
            load.reconciliations().size(), createConflicts(ops)));
    for (Fault f : faults) {
      s.append(f.describe(ops));
    }
    if (r == null) {
      s.append("audit: not compared (the databases could not be read)\n");
    } else {
      s.append(
          String.format(
              "audit (catch-up %s s): acknowledged changes %d, audit rows of the load's users %d, "
                  + "integrations %d%n",
              Fault.fmt(catchUpMs), r.acknowledged(), r.auditRows(), r.accounts()));
      s.append(
          String.format(
              "  lost %d, duplicates %d, rows no acknowledgement explains %s, "
                  + "integrations no create made %d, inconsistent %d, outbox pending %d%n",
              r.lost().size(),
              r.duplicated().size(),
              r.unexplained(),
              r.unknownAccounts().size(),
              r.inconsistent().size(),
              r.pendingOutbox()));
      r.lost().stream().limit(10).forEach(c -> s.append("  lost: ").append(c).append('\n'));
      r.duplicated().stream()
          .limit(10)
          .forEach(c -> s.append("  duplicate: ").append(c).append('\n'));
      r.inconsistent().stream()
          .limit(10)
          .forEach(c -> s.append("  inconsistent: ").append(c).append('\n'));
      r.unknownAccounts().stream()
          .limit(10)
          .forEach(c -> s.append("  not made by an acknowledged create: ").append(c).append('\n'));
    }
    s.append("500 answers: ")
        .append(ops.stream().filter(o -> o.status() == 500).count())
        .append('\n');
    s.append("./mcpm status --json all UP at the end: ").append(allUpAtEnd).append('\n');
    ops.stream()
        .filter(o -> o.outcome() == Outcome.REJECTED && o.status() != 503)
        .limit(10)
        .forEach(o -> s.append("  rejected, not 503: ").append(o).append('\n'));
    return s.toString();
  }
}
