package io.mcpmanager.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every scenario once against the running local stack and writes docs/benchmarks.md with PNG
 * charts. Started by bench/run.sh, which brings the stack up (timing it) and takes it down again.
 */
public final class Bench {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WARMUP = Duration.ofSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration JIT_WARMUP = Duration.ofSeconds(45);
  private static final List<String> USERS = List.of("alice", "bob", "admin");
  private static final List<String> TYPES = List.of("notion", "openai", "todoist", "sentry");

  private final LocalStack stack;
  private final Path runDir;
  private final Path chartDir;
  private final Report report;

  private Bench(Path root, Path docs) throws Exception {
    this.stack = new LocalStack(root);
    this.runDir = root.resolve("bench/target/run");
    this.chartDir = docs.resolve("benchmarks");
    Files.createDirectories(runDir);
    Files.createDirectories(chartDir);
    this.report = new Report(docs.resolve("benchmarks.md"), stack.ports);
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    int stubPort = Integer.parseInt(System.getenv().getOrDefault("BENCH_STUB_PORT", "18990"));
    Bench bench = new Bench(root, root.resolve("docs"));
    try (ProviderStub stub = new ProviderStub(stubPort)) {
      bench.runAll();
    }
    System.exit(0);
  }

  private void runAll() throws Exception {
    Map<String, String> machine = Machine.describe();
    machine.putAll(stack.jvmOptions());
    report.machine(machine);
    step("cold start", this::coldStart);
    step("gateway overhead", this::gatewayOverhead);
    step("pat vs jwt", this::patVersusJwt);
    step("credential read", this::credentialRead);
    step("credential rotate", this::credentialRotate);
    step("audit lag", this::auditLag);
    step("outbox backlog drain", this::backlogDrain);
    step("memory after load", this::memoryAfterLoad);
    report.cpuTable();
    report.write();
    System.out.println("bench: wrote " + report.file());
  }

  private interface Step {
    void run() throws Exception;
  }

  /**
   * Runs one scenario unless {@code BENCH_ONLY} (a comma-separated list of scenario names, e.g.
   * {@code gateway overhead,credential read}) leaves it out: for quick before/after comparisons of
   * one path.
   */
  private void step(String name, Step step) {
    String only = System.getenv("BENCH_ONLY");
    if (only != null
        && !only.isBlank()
        && Arrays.stream(only.split(",")).map(String::trim).noneMatch(name::equals)) {
      System.out.println("bench: " + name + " skipped (BENCH_ONLY)");
      return;
    }
    System.out.println("bench: " + name + " (load " + Machine.loadAverage() + ")");
    try {
      step.run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      report.failed(name, e);
    }
  }

  // ------------------------------------------------------------------ cold start and memory

  private void coldStart() throws Exception {
    String up = Files.readString(runDir.resolve("mcpm-up.log"));
    Map<String, Double> readyAfter = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("^\\s+(\\S+)\\s+ready after\\s+([\\d.]+) s", Pattern.MULTILINE).matcher(up);
    while (m.find()) {
      readyAfter.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    Matcher all = Pattern.compile("everything is healthy after ([\\d.]+) s").matcher(up);
    Double total = all.find() ? Double.parseDouble(all.group(1)) : null;
    Map<String, double[]> started = new LinkedHashMap<>();
    Pattern startedLine =
        Pattern.compile("Started \\S+ in ([\\d.]+) seconds \\(process running for ([\\d.]+)\\)");
    for (String app : LocalStack.APPS) {
      Path log = stack.root().resolve(".mcpm/logs/" + app + ".log");
      if (Files.exists(log)) {
        Matcher s = startedLine.matcher(Files.readString(log));
        while (s.find()) {
          started.put(
              app, new double[] {Double.parseDouble(s.group(1)), Double.parseDouble(s.group(2))});
        }
      }
    }
    Map<String, Long> pids = stack.pids();
    Map<String, Long> rss = new LinkedHashMap<>();
    pids.forEach((name, pid) -> rss.put(name, LocalStack.memoryMb(pid, "VmRSS")));
    report.coldStart(readyAfter, total, started, rss, Machine.loadAverage());
  }

  private void memoryAfterLoad() throws Exception {
    Map<String, long[]> mem = new LinkedHashMap<>();
    stack
        .pids()
        .forEach(
            (name, pid) ->
                mem.put(
                    name,
                    new long[] {
                      LocalStack.memoryMb(pid, "VmRSS"), LocalStack.memoryMb(pid, "VmHWM")
                    }));
    report.memoryAfterLoad(mem);
  }

  // ------------------------------------------------------------------ HTTP scenarios

  /**
   * Waits until a routed request succeeds again: a scenario that overloads integration-service
   * trips the gateway's circuit breaker (open 10 s), which must not spill into the next scenario.
   */
  private void awaitGatewayRoutes() throws Exception {
    String token = stack.token("alice");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int ok = 0;
    while (ok < 5 && System.nanoTime() < deadline) {
      ok =
          get(stack.gateway + "/api/integrations/types", token, new ConcurrentHashMap<>())
              ? ok + 1
              : 0;
      Thread.sleep(500);
    }
  }

  private void gatewayOverhead() throws Exception {
    String token = stack.token("alice");
    Map<Integer, LongAdder> directStatus = new ConcurrentHashMap<>();
    Map<Integer, LongAdder> viaStatus = new ConcurrentHashMap<>();
    OpenLoad.Call direct =
        i -> get(stack.integration + "/api/integrations/types", token, directStatus);
    OpenLoad.Call via = i -> get(stack.gateway + "/api/integrations/types", token, viaStatus);
    // Unmeasured: the gateway and integration-service run C2-compiled code; until the JIT has
    // compiled the request
    // path (about a minute of load on 2 shared cores), they use several times the CPU of their
    // steady state.
    ClosedLoopProbe.run("JIT warm-up via gateway", 16, Duration.ZERO, JIT_WARMUP, via);
    ClosedLoopProbe.Result directMax =
        ClosedLoopProbe.run("direct", 16, Duration.ofSeconds(8), Duration.ofSeconds(12), direct);
    ClosedLoopProbe.Result viaMax =
        ClosedLoopProbe.run("via gateway", 16, Duration.ofSeconds(8), Duration.ofSeconds(12), via);
    double rate =
        Math.max(
            20,
            Math.min(100, Math.floor(0.5 * Math.min(directMax.throughput(), viaMax.throughput()))));
    CpuMeter cpu = new CpuMeter(stack);
    LoadResult directRun =
        OpenLoad.run(
            "GET /api/integrations/types direct (:" + stack.ports.port("integration-service") + ")",
            rate,
            WARMUP,
            Duration.ofSeconds(20),
            direct,
            cpu::start);
    Map<String, Double> directCpu = cpu.perRequest(sent(directRun));
    cpu = new CpuMeter(stack);
    LoadResult viaRun =
        OpenLoad.run(
            "GET /api/integrations/types via gateway (:" + stack.ports.port("gateway") + ")",
            rate,
            WARMUP,
            Duration.ofSeconds(20),
            via,
            cpu::start);
    Map<String, Double> viaCpu = cpu.perRequest(sent(viaRun));
    report.cpu(directRun, directCpu);
    report.cpu(viaRun, viaCpu);
    Charts.latencyAndThroughput(directRun, chartDir.resolve("gateway-direct.png"));
    Charts.latencyAndThroughput(viaRun, chartDir.resolve("gateway-via.png"));
    // Profiled separately, after the measured runs: JFR's own cost must not lower the figures
    // above.
    Path jfrProbe = stack.startJfr("gateway", 15, runDir);
    ClosedLoopProbe.Result profiled =
        ClosedLoopProbe.run("via gateway, JFR on", 16, Duration.ZERO, Duration.ofSeconds(15), via);
    Thread.sleep(2000);
    report.gateway(
        directMax,
        viaMax,
        directRun,
        viaRun,
        statuses(directStatus),
        statuses(viaStatus),
        profile(jfrProbe, "gateway")
            + "(throughput while recording: "
            + Math.round(profiled.throughput())
            + " req/s)\n");
  }

  /**
   * The same routed request with a JWT and with a personal access token (issue 15): what the PAT's
   * checksum check, cache lookup, network check, usage count and header exchange cost the gateway.
   * The PAT is alice's, created through the gateway with her JWT, read scope only.
   */
  private void patVersusJwt() throws Exception {
    awaitGatewayRoutes();
    String jwt = stack.token("alice");
    HttpResponse<String> created =
        stack.http.send(
            authorized(URI.create(stack.gateway + "/api/account/tokens"), jwt)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bench\",\"scopes\":[\"integrations:read\"],"
                            + "\"expires_in_days\":1}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException(
          "creating a personal access token: " + created.statusCode() + " " + created.body());
    }
    String pat = JSON.readTree(created.body()).path("token").asString();
    Map<Integer, LongAdder> jwtStatus = new ConcurrentHashMap<>();
    Map<Integer, LongAdder> patStatus = new ConcurrentHashMap<>();
    String url = stack.gateway + "/api/integrations/types";
    OpenLoad.Call withJwt = i -> get(url, jwt, jwtStatus);
    OpenLoad.Call withPat = i -> get(url, pat, patStatus);
    ClosedLoopProbe.run(
        "JIT warm-up with a PAT", 16, Duration.ZERO, Duration.ofSeconds(20), withPat);
    double rate = 100;
    CpuMeter cpu = new CpuMeter(stack);
    LoadResult jwtRun =
        OpenLoad.run(
            "GET /api/integrations/types via gateway, JWT",
            rate,
            WARMUP,
            Duration.ofSeconds(20),
            withJwt,
            cpu::start);
    Map<String, Double> jwtCpu = cpu.perRequest(sent(jwtRun));
    cpu = new CpuMeter(stack);
    LoadResult patRun =
        OpenLoad.run(
            "GET /api/integrations/types via gateway, PAT",
            rate,
            WARMUP,
            Duration.ofSeconds(20),
            withPat,
            cpu::start);
    Map<String, Double> patCpu = cpu.perRequest(sent(patRun));
    report.cpu(jwtRun, jwtCpu);
    report.cpu(patRun, patCpu);
    report.patVersusJwt(jwtRun, jwtCpu, patRun, patCpu, statuses(jwtStatus), statuses(patStatus));
  }

  /**
   * The lower rates run first, as a step load: they warm the path up (JIT) before the 200/s run,
   * and a 200/s overload cannot spill into them. The report lists the 200/s run first, as the
   * target names it.
   */
  private void credentialRead() throws Exception {
    awaitGatewayRoutes();
    List<Target> targets = integrations();
    Map<Integer, LoadResult> lower = new LinkedHashMap<>();
    Map<Integer, String> lowerStatus = new LinkedHashMap<>();
    for (int rate : new int[] {50, 100}) {
      awaitGatewayRoutes();
      Map<Integer, LongAdder> status = new ConcurrentHashMap<>();
      CpuMeter cpu = new CpuMeter(stack);
      LoadResult step =
          OpenLoad.run(
              "POST /api/integrations/{id}/validate via gateway",
              rate,
              WARMUP,
              Duration.ofSeconds(20),
              validate(targets, status),
              cpu::start);
      report.cpu(step, cpu.perRequest(sent(step)));
      Charts.latencyAndThroughput(step, chartDir.resolve("credential-read-" + rate + ".png"));
      lower.put(rate, step);
      lowerStatus.put(rate, statuses(status));
    }
    awaitGatewayRoutes();
    Map<Integer, LongAdder> status = new ConcurrentHashMap<>();
    Path jfrIntegration = stack.startJfr("integration-service", 35, runDir);
    Path jfrGateway = stack.startJfr("gateway", 35, runDir);
    CpuMeter cpu = new CpuMeter(stack);
    LoadResult r =
        OpenLoad.run(
            "POST /api/integrations/{id}/validate via gateway",
            200,
            WARMUP,
            Duration.ofSeconds(30),
            validate(targets, status),
            cpu::start);
    report.cpu(r, cpu.perRequest(sent(r)));
    Charts.latencyAndThroughput(r, chartDir.resolve("credential-read.png"));
    Thread.sleep(3000); // let the recordings finish
    report.credentialRead(
        r,
        targets.size(),
        statuses(status),
        profile(jfrIntegration, "integration-service"),
        profile(jfrGateway, "gateway"));
    for (int rate : new int[] {100, 50}) {
      report.credentialReadLower(
          Objects.requireNonNull(lower.get(rate)), Objects.requireNonNull(lowerStatus.get(rate)));
    }
  }

  /** Requests an open-model run sent after its warm-up. */
  private static long sent(LoadResult r) {
    return Math.round(r.rate() * (r.seconds() - r.warmupSeconds()));
  }

  private OpenLoad.Call validate(List<Target> targets, Map<Integer, LongAdder> status) {
    return i -> {
      Target t = targets.get((int) (i % targets.size()));
      return send(
          HttpRequest.newBuilder(
                  URI.create(stack.gateway + "/api/integrations/" + t.id() + "/validate"))
              .POST(HttpRequest.BodyPublishers.noBody()),
          t.token(),
          status);
    };
  }

  private void credentialRotate() throws Exception {
    awaitGatewayRoutes();
    List<Target> targets = integrations();
    Map<Integer, LongAdder> status = new ConcurrentHashMap<>();
    OpenLoad.Call call =
        i -> {
          Target t = targets.get((int) (i % targets.size()));
          String body = "{\"access_token\":\"bench-rotated-" + i + "-" + UUID.randomUUID() + "\"}";
          return send(
              HttpRequest.newBuilder(URI.create(stack.gateway + "/api/integrations/" + t.id()))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(body)),
              t.token(),
              status);
        };
    LoadResult r =
        OpenLoad.run(
            "PUT /api/integrations/{id} (rotate) via gateway",
            50,
            WARMUP,
            Duration.ofSeconds(30),
            call);
    Charts.latencyAndThroughput(r, chartDir.resolve("credential-rotate.png"));
    report.credentialRotate(r, targets.size(), statuses(status));
  }

  private record Target(String token, String id) {}

  /**
   * One API-token integration per user and type, created (validated against the stub) when missing.
   */
  private List<Target> integrations() throws Exception {
    List<Target> targets = new ArrayList<>();
    for (String user : USERS) {
      String token = stack.token(user);
      for (String type : TYPES) {
        HttpResponse<String> list =
            stack.http.send(
                authorized(
                        URI.create(stack.gateway + "/api/integrations?size=100&type=" + type),
                        token)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        String id = null;
        for (JsonNode item : JSON.readTree(list.body()).path("items")) {
          if (!"revoked".equals(item.path("status").asString())) {
            id = item.path("id").asString();
          }
        }
        if (id == null) {
          String meta = type.equals("sentry") ? ",\"meta\":{\"organization\":\"bench\"}" : "";
          String body =
              "{\"type\":\""
                  + type
                  + "\",\"access_token\":\"bench-"
                  + UUID.randomUUID()
                  + "\""
                  + meta
                  + "}";
          HttpResponse<String> created =
              stack.http.send(
                  authorized(URI.create(stack.gateway + "/api/integrations"), token)
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (created.statusCode() != 201) {
            throw new IllegalStateException(
                "creating a "
                    + type
                    + " integration for "
                    + user
                    + ": "
                    + created.statusCode()
                    + " "
                    + created.body());
          }
          id = JSON.readTree(created.body()).path("id").asString();
        }
        targets.add(new Target(token, id));
      }
    }
    return targets;
  }

  private boolean get(String url, String token, Map<Integer, LongAdder> status) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), token, status);
  }

  private boolean send(HttpRequest.Builder request, String token, Map<Integer, LongAdder> status)
      throws Exception {
    int code;
    try {
      code =
          stack
              .http
              .send(
                  request.header("Authorization", "Bearer " + token).timeout(TIMEOUT).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
    } catch (IOException e) {
      code = -1; // timeout or connection failure
    }
    status.computeIfAbsent(code, k -> new LongAdder()).increment();
    return code >= 200 && code < 300;
  }

  private static HttpRequest.Builder authorized(URI uri, String token) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).timeout(TIMEOUT);
  }

  private static String statuses(Map<Integer, LongAdder> status) {
    StringBuilder s = new StringBuilder();
    new TreeMap<>(status)
        .forEach(
            (code, n) ->
                s.append(s.isEmpty() ? "" : ", ")
                    .append(code == -1 ? "timeout/IO" : code)
                    .append(": ")
                    .append(n.sum()));
    return s.toString();
  }

  private static String profile(Path jfr, String app) {
    try {
      if (!Files.exists(jfr)) {
        return "(no recording of " + app + ")";
      }
      String view = LocalStack.hotMethods(jfr);
      return view.lines().limit(20).reduce("", (a, b) -> a + b + "\n");
    } catch (Exception e) {
      return "(profile of " + app + " failed: " + e.getMessage() + ")";
    }
  }

  // ------------------------------------------------------------------ outbox → Kafka → audit

  // Written into integration-service's outbox, so relayed to its topic with its source:
  // audit-service
  // dead-letters an event whose source is not the topic's producer.
  private static final String INSERT_OUTBOX =
      """
      INSERT INTO outbox_event (id, topic, message_key, payload, created_at)
      VALUES (?, 'mcpm.events.integration-service', ?, CAST(? AS jsonb), clock_timestamp())""";

  private static String event(UUID id, String owner, Instant time, String trace) {
    String entity = UUID.randomUUID().toString();
    return "{\"specversion\":\"1.0\",\"id\":\""
        + id
        + "\",\"source\":\"integration-service\",\"type\":\"io.mcpmanager.integration.validated\","
        + "\"subject\":\""
        + entity
        + "\",\"time\":\""
        + time
        + "\",\"datacontenttype\":\"application/json\","
        + "\"partitionkey\":\""
        + owner
        + "\",\"data\":{\"actor\":{\"kind\":\"SYSTEM\",\"id\":\"bench\",\"ip\":null,"
        + "\"user_agent\":null},\"owner_id\":\""
        + owner
        + "\",\"entity_type\":\"bench_event\",\"entity_id\":\""
        + entity
        + "\",\"action\":\"validate\",\"outcome\":\"success\",\"changes\":{},\"trace_id\":\""
        + trace
        + "\"}}";
  }

  private Connection connect(String db) throws SQLException {
    return DriverManager.getConnection(
        stack.ports.jdbcUrl(db) + "?reWriteBatchedInserts=true", "postgres", "");
  }

  private static long audited(Connection audit, String trace) throws SQLException {
    try (PreparedStatement q =
        audit.prepareStatement("SELECT count(*) FROM audit_entry WHERE trace_id = ?")) {
      q.setString(1, trace);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void auditLag() throws Exception {
    String trace = "bench-lag-" + UUID.randomUUID();
    List<String> owners = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      owners.add(UUID.randomUUID().toString());
    }
    BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(8);
    for (int i = 0; i < 8; i++) {
      pool.add(connect("integration"));
    }
    int rate = 100;
    OpenLoad.Call insert =
        i -> {
          Connection c = pool.take();
          try (PreparedStatement ps = c.prepareStatement(INSERT_OUTBOX)) {
            UUID id = UUID.randomUUID();
            String owner = owners.get((int) (i % owners.size()));
            ps.setObject(1, id);
            ps.setString(2, owner);
            ps.setString(3, event(id, owner, Instant.now(), trace));
            return ps.executeUpdate() == 1;
          } finally {
            pool.add(c);
          }
        };
    LoadResult inserts =
        OpenLoad.run("outbox inserts", rate, Duration.ZERO, Duration.ofSeconds(35), insert);
    long expected = inserts.requests();
    try (Connection audit = connect("audit")) {
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (audited(audit, trace) < expected && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      int warm = (int) WARMUP.toSeconds();
      int seconds = inserts.seconds();
      Histogram overall = new ConcurrentHistogram(600_000_000L, 3);
      Histogram[] perSecond = new Histogram[seconds];
      for (int s = 0; s < seconds; s++) {
        perSecond[s] = new ConcurrentHistogram(600_000_000L, 3);
      }
      AtomicLongArray stored = new AtomicLongArray(seconds + 120);
      Instant first = null;
      long found = 0;
      try (PreparedStatement q =
          audit.prepareStatement(
              "SELECT occurred_at, received_at FROM audit_entry WHERE trace_id = ? ORDER BY occurred_at")) {
        q.setString(1, trace);
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            Instant occurred = rs.getTimestamp(1).toInstant();
            Instant received = rs.getTimestamp(2).toInstant();
            if (first == null) {
              first = occurred;
            }
            long micros = Math.max(1, Duration.between(occurred, received).toNanos() / 1000);
            int s = (int) Math.min(seconds - 1, Duration.between(first, occurred).toSeconds());
            perSecond[s].recordValue(micros);
            if (s >= warm) {
              overall.recordValue(micros);
            }
            stored.incrementAndGet(
                (int) Math.min(stored.length() - 1, Duration.between(first, received).toSeconds()));
            found++;
          }
        }
      }
      LoadResult lag =
          new LoadResult(
              "Audit lag (event time → stored), outbox inserts",
              rate,
              warm,
              seconds,
              overall,
              perSecond,
              new AtomicLongArray(seconds),
              stored,
              expected - found,
              inserts.loadBefore(),
              Machine.loadAverage());
      Charts.latencyAndThroughput(lag, chartDir.resolve("audit-lag.png"));
      report.auditLag(lag, expected, found, inserts.achievedRate());
    } finally {
      for (Connection c : pool) {
        c.close();
      }
    }
  }

  private void backlogDrain() throws Exception {
    String trace = "bench-backlog-" + UUID.randomUUID();
    int total = 100_000;
    String loadBefore = Machine.loadAverage();
    Instant committed;
    long insertMillis;
    try (Connection c = connect("integration")) {
      c.setAutoCommit(false);
      long t = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(INSERT_OUTBOX)) {
        for (int i = 0; i < total; i++) {
          UUID id = UUID.randomUUID();
          String owner = "00000000-0000-4000-8000-0000000000" + String.format("%02d", i % 32);
          ps.setObject(1, id);
          ps.setString(2, owner);
          ps.setString(3, event(id, owner, Instant.now(), trace));
          ps.addBatch();
          if (i % 2000 == 1999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
      insertMillis = (System.nanoTime() - t) / 1_000_000;
      try (ResultSet rs = c.createStatement().executeQuery("SELECT clock_timestamp()")) {
        rs.next();
        committed = rs.getTimestamp(1).toInstant();
      }
    }
    long start = System.nanoTime(); // just after the commit: the relay starts draining now
    Path jfr = stack.startJfr("audit-service", 30, runDir);
    List<double[]> count = new ArrayList<>();
    List<double[]> rate = new ArrayList<>();
    List<double[]> heap = new ArrayList<>();
    long last = 0;
    double lastT = 0;
    double peakHeap = 0;
    try (Connection audit = connect("audit")) {
      while (true) {
        double t = (System.nanoTime() - start) / 1e9;
        long n = audited(audit, trace);
        double heapMb =
            stack.metric(
                    stack.ports.managementPort("audit-service"),
                    "jvm_memory_used_bytes",
                    "area=\"heap\"")
                / 1e6;
        peakHeap = Math.max(peakHeap, heapMb);
        count.add(new double[] {t, n});
        heap.add(new double[] {t, heapMb});
        if (t > lastT) {
          rate.add(new double[] {t, (n - last) / (t - lastT)});
        }
        last = n;
        lastT = t;
        if (n >= total || t > 400) {
          break;
        }
        Thread.sleep(1000);
      }
      Instant lastReceived;
      try (PreparedStatement q =
          audit.prepareStatement(
              "SELECT max(received_at), count(*) FROM audit_entry WHERE trace_id = ?")) {
        q.setString(1, trace);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          Timestamp ts = rs.getTimestamp(1);
          lastReceived = ts == null ? committed : ts.toInstant();
          last = rs.getLong(2);
        }
      }
      double drainSeconds = Duration.between(committed, lastReceived).toMillis() / 1000.0;
      Map<String, List<double[]>> top = new LinkedHashMap<>();
      top.put("stored in audit per second", rate);
      Map<String, List<double[]>> bottom = new LinkedHashMap<>();
      bottom.put("audit-service heap used (MB)", heap);
      Charts.lines(
          "Drain of a 100,000-event outbox backlog",
          "seconds since the backlog was committed",
          "events/s",
          top,
          "heap MB",
          bottom,
          chartDir.resolve("backlog-drain.png"));
      Thread.sleep(Math.max(0, 32_000 - (System.nanoTime() - start) / 1_000_000));
      report.backlog(
          total,
          last,
          insertMillis,
          drainSeconds,
          peakHeap,
          loadBefore,
          Machine.loadAverage(),
          profile(jfr, "audit-service"));
    }
  }
}
