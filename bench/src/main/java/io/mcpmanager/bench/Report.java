package io.mcpmanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** docs/benchmarks.md: how to run, the machine, a targets table, then one section per scenario. */
final class Report {

  private final Path file;
  private final LocalStackPorts ports;
  private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final List<String> targets = new ArrayList<>();
  private final StringBuilder sections = new StringBuilder();
  private final StringBuilder machine = new StringBuilder();

  Report(Path file, LocalStackPorts ports) {
    this.file = file;
    this.ports = ports;
  }

  Path file() {
    return file;
  }

  void machine(Map<String, String> facts) {
    machine.append("| | |\n|---|---|\n");
    facts.forEach((k, v) -> machine.append("| ").append(k).append(" | ").append(v).append(" |\n"));
  }

  private void target(String what, String goal, String measured, boolean met) {
    targets.add(
        "| "
            + what
            + " | "
            + goal
            + " | "
            + measured
            + " | "
            + (met ? "met" : "**missed**")
            + " |");
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  }

  private static String latencyRow(LoadResult r) {
    return "| "
        + r.name()
        + " | "
        + f(r.rate())
        + " | "
        + f(r.achievedRate())
        + " | "
        + r.requests()
        + " | "
        + r.errors()
        + " | "
        + f(r.millis(50))
        + " | "
        + f(r.millis(90))
        + " | "
        + f(r.millis(99))
        + " | "
        + f(r.millis(99.9))
        + " | "
        + f(r.overall().getMaxValue() / 1000.0)
        + " | "
        + r.loadBefore()
        + " → "
        + r.loadAfter()
        + " |\n";
  }

  private static final String LATENCY_HEADER =
      "| run | arrival rate/s | completed/s | measured requests | errors "
          + "| p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | load avg before → after |\n"
          + "|---|---|---|---|---|---|---|---|---|---|---|\n";

  void coldStart(
      Map<String, Double> readyAfter,
      @Nullable Double total,
      Map<String, double[]> started,
      Map<String, Long> rss,
      String load) {
    long sum = rss.values().stream().mapToLong(Long::longValue).sum();
    sections
        .append("## Cold start and resident memory\n\n")
        .append("`./mcpm up` from a stopped stack (jars already built), apps started ")
        .append(
            "`MCPM_PARALLEL_STARTS` (= cores) at a time, each after its dependencies. *JVM → started* is Spring's ")
        .append(
            "`Started … (process running for N)` from the app's log: JVM start until the app serves. *Ready after* is ")
        .append(
            "what `./mcpm up` printed: seconds since `up` began until the app's health was UP and Eureka listed it ")
        .append(
            "(it includes waiting for infrastructure and for auth-server). RSS = VmRSS of the process and its children ")
        .append(
            "(`/proc/<pid>/status`, pids from `.mcpm/run/*.pid`), read right after `up`, idle. Load average then: ")
        .append(load)
        .append(
            ".\n\n| component | JVM → started (s) | Spring context (s) | ready after `up` began (s) | RSS idle (MB) |\n")
        .append("|---|---|---|---|---|\n");
    boolean allFast = true;
    boolean allSmall = true;
    double slowest = 0;
    long largest = 0;
    for (Map.Entry<String, Long> e : rss.entrySet()) {
      double[] s = started.get(e.getKey());
      Double ready = readyAfter.get(e.getKey());
      sections
          .append("| ")
          .append(e.getKey())
          .append(" | ")
          .append(s == null ? "–" : f(s[1]))
          .append(" | ")
          .append(s == null ? "–" : f(s[0]))
          .append(" | ")
          .append(ready == null ? "–" : f(ready))
          .append(" | ")
          .append(e.getValue())
          .append(" |\n");
      if (s != null) {
        slowest = Math.max(slowest, s[1]);
        allFast &= s[1] <= 10;
        largest = Math.max(largest, e.getValue());
        allSmall &= e.getValue() <= 400;
      }
    }
    sections
        .append("| **whole stack** | | | ")
        .append(total == null ? "–" : f(total))
        .append(" | ")
        .append(sum)
        .append(" |\n\n");
    target(
        "each service healthy",
        "≤ 10 s",
        "slowest JVM → started "
            + f(slowest)
            + " s (stack healthy after "
            + (total == null ? "?" : f(total))
            + " s)",
        allFast);
    target(
        "each service resident",
        "≤ 400 MB",
        "largest app " + largest + " MB idle; stack " + sum + " MB",
        allSmall);
  }

  void memoryAfterLoad(Map<String, long[]> mem) {
    sections
        .append(
            "## Resident memory after the load\n\nVmRSS now and VmHWM (peak RSS since start), MB.\n\n")
        .append("| component | RSS (MB) | peak RSS (MB) |\n|---|---|---|\n");
    long rss = 0;
    long hwm = 0;
    for (Map.Entry<String, long[]> e : mem.entrySet()) {
      sections
          .append("| ")
          .append(e.getKey())
          .append(" | ")
          .append(e.getValue()[0])
          .append(" | ")
          .append(e.getValue()[1])
          .append(" |\n");
      rss += e.getValue()[0];
      hwm += e.getValue()[1];
    }
    sections
        .append("| **whole stack** | ")
        .append(rss)
        .append(" | ")
        .append(hwm)
        .append(" (sum of peaks) |\n\n");
  }

  void gateway(
      ClosedLoopProbe.Result directMax,
      ClosedLoopProbe.Result viaMax,
      LoadResult direct,
      LoadResult via,
      String directStatus,
      String viaStatus,
      String probeProfile) {
    double ratio = viaMax.throughput() / directMax.throughput();
    double addedP50 = via.millis(50) - direct.millis(50);
    double addedP99 = via.millis(99) - direct.millis(99);
    sections
        .append(
            "## Gateway overhead\n\n`GET /api/integrations/types` with alice's access token (JWT checked by ")
        .append("the gateway and again by integration-service), direct to integration-service (:")
        .append(ports.port("integration-service"))
        .append(") and through the gateway (:")
        .append(ports.port("gateway"))
        .append(
            ": JWT validation, rate-limit bucket in Redis, Eureka `lb://` routing), one after the other in ")
        .append(
            "one run, after 45 s of unmeasured load through the gateway (JIT warm-up of both).\n\n")
        .append("**Saturated throughput** — a closed-loop max-throughput probe (")
        .append(directMax.workers())
        .append(" virtual-thread workers, each sending the next request as soon as the last ")
        .append(
            "returned; 8 s warm-up, 12 s measured). The load generator shares the 2 cores with the stack, so this is ")
        .append(
            "the throughput of the whole machine, not of the service alone.\n\n| path | max throughput (req/s) | errors | load avg after |\n|---|---|---|---|\n")
        .append("| direct | ")
        .append(f(directMax.throughput()))
        .append(" | ")
        .append(directMax.errors())
        .append(" | ")
        .append(directMax.load())
        .append(" |\n| via gateway | ")
        .append(f(viaMax.throughput()))
        .append(" | ")
        .append(viaMax.errors())
        .append(" | ")
        .append(viaMax.load())
        .append(" |\n| **ratio** | ")
        .append(f(100 * ratio))
        .append(" % | | |\n\n**Latency at a fixed rate** (open model, ")
        .append(f(direct.rate()))
        .append(" req/s, 5 s warm-up then 20 s measured):\n\n")
        .append(LATENCY_HEADER)
        .append(latencyRow(direct))
        .append(latencyRow(via))
        .append("\nAdded by the gateway: p50 ")
        .append(f(addedP50))
        .append(" ms, p99 ")
        .append(f(addedP99))
        .append(" ms. Status codes: direct {")
        .append(directStatus)
        .append("}, via gateway {")
        .append(viaStatus)
        .append(
            "}.\n\n![direct](benchmarks/gateway-direct.png)\n![via gateway](benchmarks/gateway-via.png)\n\n")
        .append(
            "<details><summary>JFR hot methods of the gateway during an extra 15 s max-throughput probe after the measured runs</summary>\n\n```\n")
        .append(probeProfile)
        .append("```\n</details>\n\n");
    target("gateway throughput", "≥ 50 % of direct", f(100 * ratio) + " %", ratio >= 0.5);
    target(
        "gateway added p99",
        "≤ 5 ms",
        f(addedP99) + " ms (p50 " + f(addedP50) + " ms)",
        addedP99 <= 5);
  }

  void credentialRead(
      LoadResult r,
      int integrations,
      String status,
      String profileIntegration,
      String profileGateway) {
    sections
        .append(
            "## Credential read (gateway → integration-service → PostgreSQL → Vault decrypt)\n\n")
        .append(
            "Endpoint: `POST /api/integrations/{id}/validate` through the gateway. It is the user-facing request that ")
        .append(
            "reads a stored credential: load the row (ownership check), Transit-decrypt the token in OpenBao, call the ")
        .append(
            "provider with it, then record the result and a `validated` event in the outbox (one write transaction). ")
        .append(
            "The provider is a trivial local HTTP stub in the bench JVM (`INTEGRATION_PROVIDERS_*_BASE_URL`), answering ")
        .append(
            "at once, so the provider is not the bottleneck. The broker path (`/api/mcp/broker/credentials`) was not ")
        .append(
            "used: it needs a registered MCP server signing a fresh JWT per request. Requests rotate over ")
        .append(integrations)
        .append(
            " integrations (alice, bob, admin × notion, openai, todoist, sentry). The gateway's ")
        .append(
            "rate limits were raised for the run (see *How to run*); the integration-service failure throttle only ")
        .append("counts rejected credentials.\n\n")
        .append(LATENCY_HEADER)
        .append(latencyRow(r))
        .append("\nStatus codes: {")
        .append(status)
        .append("}.\n\n![credential read](benchmarks/credential-read.png)\n\n")
        .append(
            "<details><summary>JFR hot methods during this run (integration-service, gateway)</summary>\n\n```\n")
        .append(profileIntegration)
        .append("```\n\n```\n")
        .append(profileGateway)
        .append("```\n</details>\n\n");
    target(
        "credential read p99 at 200/s",
        "≤ 25 ms",
        f(r.millis(99))
            + " ms (p50 "
            + f(r.millis(50))
            + ", p99.9 "
            + f(r.millis(99.9))
            + ", errors "
            + r.errors()
            + ")",
        r.millis(99) <= 25 && r.errors() == 0);
  }

  void credentialReadLower(LoadResult r, String status) {
    sections
        .append("Same request at ")
        .append(f(r.rate()))
        .append(" req/s (5 s warm-up, 20 s measured; run before the ")
        .append("200/s run), to show what the path sustains:\n\n")
        .append(LATENCY_HEADER)
        .append(latencyRow(r))
        .append("\nStatus codes: {")
        .append(status)
        .append("}.\n\n![credential read at ")
        .append(f(r.rate()))
        .append("/s](benchmarks/credential-read-")
        .append((int) r.rate())
        .append(".png)\n\n");
  }

  private final List<String> cpuRows = new ArrayList<>();

  /** One row of the CPU-per-request table (written after the credential read section). */
  void cpu(LoadResult r, Map<String, Double> perRequest) {
    StringBuilder row = new StringBuilder("| ").append(r.name()).append(" | ").append(f(r.rate()));
    perRequest
        .values()
        .forEach(ms -> row.append(" | ").append(String.format(Locale.ROOT, "%.2f", ms)));
    cpuRows.add(row.append(" |").toString());
  }

  /**
   * Issue 15's budget: a request authenticated by a personal access token costs the gateway at most
   * 0.2 ms CPU more than one with a JWT (cache hit).
   */
  void patVersusJwt(
      LoadResult jwt,
      Map<String, Double> jwtCpu,
      LoadResult pat,
      Map<String, Double> patCpu,
      String jwtStatus,
      String patStatus) {
    double jwtGateway = jwtCpu.getOrDefault("gateway", Double.NaN);
    double patGateway = patCpu.getOrDefault("gateway", Double.NaN);
    double added = patGateway - jwtGateway;
    sections
        .append("## Personal access token vs JWT through the gateway\n\n")
        .append("`GET /api/integrations/types` at ")
        .append(f(jwt.rate()))
        .append("/s with alice's sign-in JWT, then with her personal access token (resolved by ")
        .append(
            "auth-server at most once per 5 s, then a cache hit). Gateway CPU per request: JWT ")
        .append(String.format(Locale.ROOT, "%.3f", jwtGateway))
        .append(" ms, PAT ")
        .append(String.format(Locale.ROOT, "%.3f", patGateway))
        .append(" ms; p50 ")
        .append(String.format(Locale.ROOT, "%.2f / %.2f", jwt.millis(50), pat.millis(50)))
        .append(" ms, p99 ")
        .append(String.format(Locale.ROOT, "%.2f / %.2f", jwt.millis(99), pat.millis(99)))
        .append(" ms. Statuses: JWT ")
        .append(jwtStatus)
        .append("; PAT ")
        .append(patStatus)
        .append(".\n\n");
    target(
        "PAT over JWT, gateway CPU per request",
        "≤ 0.2 ms",
        String.format(Locale.ROOT, "%+.3f ms", added),
        added <= 0.2);
  }

  void cpuTable() {
    if (cpuRows.isEmpty()) {
      return;
    }
    sections
        .append(
            "## CPU time per request\n\nCPU time (user + system, from `/proc`, each process with its children) ")
        .append(
            "that each component used from the end of the warm-up to the end of the run, divided by the requests sent in that time, in ms. ")
        .append(
            "Unlike throughput and latency it hardly depends on what else runs on the machine, so it is the figure to ")
        .append(
            "compare between runs. *other* is the machine's busy time outside the stack and the bench: other ")
        .append("processes competing for the 2 cores.\n\n| run | rate/s | ")
        .append(String.join(" | ", CpuMeter.COLUMNS))
        .append(" |\n|---|---|")
        .append("---|".repeat(CpuMeter.COLUMNS.size()))
        .append("\n")
        .append(String.join("\n", cpuRows))
        .append("\n\n");
  }

  void credentialRotate(LoadResult r, int integrations, String status) {
    sections
        .append("## Credential create/rotate (Transit encrypt + update + outbox row)\n\n")
        .append(
            "`PUT /api/integrations/{id}` with a new `access_token` through the gateway: the rotation path (the ")
        .append("one-active-integration-per-type rule allows only ")
        .append(integrations)
        .append(" creates for the 3 seeded ")
        .append(
            "users, so creation at 50/s is measured as rotation, which does the same work: validate the new token with ")
        .append(
            "the provider stub, Transit-encrypt it, update the row (old ciphertext kept for rollback), write the ")
        .append("`token-rotated` event to the outbox). Requests rotate over ")
        .append(integrations)
        .append(
            " integrations; two rotations of the same row at once can conflict (optimistic lock → 409).\n\n")
        .append(LATENCY_HEADER)
        .append(latencyRow(r))
        .append("\nStatus codes: {")
        .append(status)
        .append("}.\n\n![credential rotate](benchmarks/credential-rotate.png)\n\n");
    target(
        "create/rotate p99 at 50/s",
        "≤ 50 ms",
        f(r.millis(99)) + " ms (p50 " + f(r.millis(50)) + ", errors " + r.errors() + ")",
        r.millis(99) <= 50 && r.errors() == 0);
  }

  void auditLag(LoadResult lag, long expected, long found, double insertRate) {
    sections
        .append("## Outbox → Kafka → audit lag\n\n")
        .append(
            "Events inserted straight into integration-service's `outbox_event` table over JDBC at 100/s (open model, ")
        .append("achieved ")
        .append(f(insertRate))
        .append("/s) while its relay runs (poll every 100 ms, batches of 500); ")
        .append(
            "lag = audit's `received_at` − the event's `time` (`occurred_at`), read from audit's table. ")
        .append("The first 5 s are warm-up. ")
        .append(found)
        .append(" of ")
        .append(expected)
        .append(" events arrived.\n\n")
        .append(LATENCY_HEADER)
        .append(latencyRow(lag))
        .append("\n![audit lag](benchmarks/audit-lag.png)\n\n");
    target(
        "audit lag p99 at 100 events/s",
        "≤ 1 s",
        f(lag.millis(99)) + " ms (p50 " + f(lag.millis(50)) + ")",
        lag.millis(99) <= 1000 && found == expected);
  }

  void backlog(
      int total,
      long drained,
      long insertMillis,
      double drainSeconds,
      double peakHeap,
      String loadBefore,
      String loadAfter,
      String profile) {
    double rate = drained / Math.max(0.001, drainSeconds);
    sections
        .append("## Outbox backlog drain\n\n")
        .append(String.format(Locale.ROOT, "%,d", total))
        .append(" events inserted into integration-service's `outbox_event` in one transaction (")
        .append(insertMillis)
        .append(
            " ms) while the relay runs; drain time = last audit `received_at` − commit time (same PostgreSQL clock).\n\n")
        .append(
            "| events | stored in audit | drain time (s) | drain rate (events/s) | audit heap peak (MB, sampled 1/s) | load avg before → after |\n")
        .append("|---|---|---|---|---|---|\n| ")
        .append(total)
        .append(" | ")
        .append(drained)
        .append(" | ")
        .append(f(drainSeconds))
        .append(" | ")
        .append(f(rate))
        .append(" | ")
        .append(f(peakHeap))
        .append(" | ")
        .append(loadBefore)
        .append(" → ")
        .append(loadAfter)
        .append(" |\n\n![backlog drain](benchmarks/backlog-drain.png)\n\n")
        .append(
            "<details><summary>JFR hot methods of audit-service during the drain (first 30 s)</summary>\n\n```\n")
        .append(profile)
        .append("```\n</details>\n\n");
    target(
        "backlog drain rate",
        "≥ 2,000 events/s",
        f(rate) + " events/s",
        rate >= 2000 && drained == total);
  }

  void failed(String scenario, Throwable e) {
    sections
        .append("## ")
        .append(scenario)
        .append(": FAILED\n\n```\n")
        .append(e)
        .append("\n```\n\n");
    targets.add(
        "| "
            + scenario
            + " | | failed: "
            + String.valueOf(e.getMessage()).replace('|', '/')
            + " | **not measured** |");
  }

  void write() throws IOException {
    String head =
        """
        # Benchmarks

        Generated by `bench/run.sh` on %s (UTC). One run, on a 2-core machine shared by the stack and the load generator: \
        figures are noisy, and the load average is recorded with each scenario. Re-run for your own figures.

        ## How to run

        ```
        bench/run.sh
        ```

        `bench/run.sh` builds the `bench` module (no tests: it is never part of CI's test phase), stops this \
        checkout's local stack if it runs, starts it with `./mcpm up` (timed: the cold-start figures), runs \
        `io.mcpmanager.bench.Bench` and always ends with `./mcpm down`. `Bench` finds the stack's ports in \
        `local-stack/ports.properties`, as `./mcpm` does. It exports for the stack: \
        `INTEGRATION_PROVIDERS_{NOTION,OPENAI,TODOIST,SENTRY}_BASE_URL` = the bench's provider stub \
        (`BENCH_STUB_PORT`, default 18990) and the gateway's rate limits raised to 1,000,000 per second \
        (`MCPM_GATEWAY_RATELIMIT_{DEFAULT,SENSITIVE}POLICY_*`), so the limiter still runs (Redis round trip) but \
        does not reject. It rewrites this file and `docs/benchmarks/*.png`. `BENCH_ONLY="gateway overhead,credential \
        read"` runs only the scenarios named (cold start, gateway overhead, pat vs jwt, credential read, credential rotate, \
        audit lag, outbox backlog drain, memory after load), for quick before/after comparisons; compare those \
        by *CPU time per request*.

        The load generator is an open model: request *i* is due at *start + i/rate* whatever happened to earlier ones, \
        runs on its own virtual thread (`java.net.http.HttpClient`, HTTP/1.1), and its latency is measured from that \
        intended start, so a stall shows up as latency instead of as fewer requests (no coordinated omission). \
        Latencies go into HdrHistogram (3 significant digits). Requests time out after 10 s (counted as errors). \
        The generator runs on the same 2 cores as the stack.

        ## Machine

        %s
        ## Targets

        | what | target | measured | verdict |
        |---|---|---|---|
        %s

        """
            .formatted(started, machine, String.join("\n", targets));
    Path interpretation =
        file.toAbsolutePath().resolveSibling("../bench/interpretation.md").normalize();
    String tail = Files.exists(interpretation) ? Files.readString(interpretation) : "";
    Files.writeString(file, head + sections + tail);
  }
}
