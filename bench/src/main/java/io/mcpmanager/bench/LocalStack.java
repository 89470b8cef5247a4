package io.mcpmanager.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The running local stack (./mcpm): tokens, pids, resident memory, metrics, JFR. */
final class LocalStack {

  static final List<String> APPS =
      List.of(
          "discovery",
          "auth-server",
          "integration-service",
          "git-connection-service",
          "mcp-server-service",
          "audit-service",
          "gateway");

  private final Path root;
  final LocalStackPorts ports;
  final String gateway;
  final String integration;
  final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();

  LocalStack(Path root) {
    this.root = root;
    this.ports = LocalStackPorts.read(root);
    this.gateway = ports.url("gateway");
    this.integration = ports.url("integration-service");
  }

  Path root() {
    return root;
  }

  /** An access token through the real authorization-code + PKCE flow ({@code ./mcpm token}). */
  String token(String user) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(root.resolve("mcpm").toString(), "token", user)
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0 || out.isEmpty()) {
      throw new IllegalStateException("./mcpm token " + user + " failed");
    }
    return out;
  }

  /** Component name → pid from .mcpm/run/*.pid. */
  Map<String, Long> pids() throws IOException {
    Map<String, Long> pids = new TreeMap<>();
    try (var files = Files.list(root.resolve(".mcpm/run"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        String name = f.getFileName().toString().replace(".pid", "");
        pids.put(name, Long.parseLong(Files.readString(f).trim()));
      }
    }
    return pids;
  }

  /**
   * The JVM options each app actually runs with (from its command line), apps with the same options
   * on one line: the launcher's defaults (or {@code MCPM_JAVA_OPTS}) plus each app's own.
   */
  Map<String, String> jvmOptions() throws IOException {
    Map<String, List<String>> appsByOptions = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : pids().entrySet()) {
      if (!APPS.contains(e.getKey())) {
        continue;
      }
      try {
        String[] args = Files.readString(Path.of("/proc/" + e.getValue() + "/cmdline")).split("\0");
        String options =
            Arrays.stream(args)
                .filter(a -> a.startsWith("-X"))
                .reduce((a, b) -> a + " " + b)
                .orElse("");
        appsByOptions.computeIfAbsent(options, k -> new ArrayList<>()).add(e.getKey());
      } catch (IOException ignored) {
        // not running
      }
    }
    Map<String, String> facts = new LinkedHashMap<>();
    appsByOptions.forEach(
        (options, apps) -> facts.put("JVM options of " + String.join(", ", apps), options));
    return facts;
  }

  /**
   * VmRSS (or VmHWM) in MB of a process and all its descendants (PostgreSQL forks a backend per
   * connection).
   */
  static long memoryMb(long pid, String field) {
    long kb = 0;
    for (long p : withDescendants(pid)) {
      kb += statusKb(p, field).orElse(0);
    }
    return kb / 1024;
  }

  /**
   * CPU time (user + system) in ms used so far by each component and all its descendants, from
   * {@code /proc/<pid>/stat} (clock ticks of 10 ms). Unlike throughput, CPU time per request hardly
   * changes when other processes compete for the cores.
   */
  Map<String, Long> cpuMillis() throws IOException {
    Map<String, Long> cpu = new TreeMap<>();
    for (Map.Entry<String, Long> e : pids().entrySet()) {
      cpu.put(e.getKey(), cpuMillisOf(e.getValue()));
    }
    // The PostgreSQL server detaches from the launcher that started it (pg_ctl): count it through
    // its own pid file.
    Path postmaster = root.resolve(".mcpm/data/postgres/postmaster.pid");
    if (cpu.containsKey("postgres") && Files.exists(postmaster)) {
      long pid = Long.parseLong(Files.readAllLines(postmaster).getFirst().trim());
      cpu.merge("postgres", cpuMillisOf(pid), Long::sum);
    }
    return cpu;
  }

  /** CPU time (user + system) in ms of a process and its descendants. */
  static long cpuMillisOf(long pid) {
    long ticks = 0;
    for (long p : withDescendants(pid)) {
      try {
        String stat = Files.readString(Path.of("/proc/" + p + "/stat"));
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
      } catch (IOException | RuntimeException ignored) {
        // process ended meanwhile
      }
    }
    return ticks * 10;
  }

  private static OptionalLong statusKb(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field + ":")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return OptionalLong.empty();
  }

  private static List<Long> withDescendants(long pid) {
    Map<Long, List<Long>> children = new HashMap<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          children
              .computeIfAbsent(Long.parseLong(rest[1]), k -> new ArrayList<>())
              .add(Long.parseLong(p.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
          // process ended meanwhile
        }
      }
    } catch (IOException e) {
      return List.of(pid);
    }
    List<Long> all = new ArrayList<>(List.of(pid));
    for (int i = 0; i < all.size(); i++) {
      all.addAll(children.getOrDefault(all.get(i), List.of()));
    }
    return all;
  }

  /** Sum of a Prometheus metric's samples whose labels contain {@code labelFilter}. */
  double metric(int managementPort, String name, String labelFilter)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    double sum = 0;
    Pattern line =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);
    Matcher m = line.matcher(r.body());
    while (m.find()) {
      if (labelFilter == null || (m.group(1) != null && m.group(1).contains(labelFilter))) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }

  /** Starts a JFR recording of {@code seconds} in an app; returns the file it will write. */
  Path startJfr(String app, int seconds, Path dir) throws IOException, InterruptedException {
    Long pid = pids().get(app);
    if (pid == null) {
      throw new IllegalStateException(app + " is not running (no pid in ./mcpm status)");
    }
    Path file = dir.resolve(app + ".jfr").toAbsolutePath();
    Files.deleteIfExists(file);
    run(
        List.of(
            jdkTool("jcmd"),
            String.valueOf(pid),
            "JFR.start",
            "name=bench-" + System.nanoTime(),
            "settings=profile",
            "duration=" + seconds + "s",
            "filename=" + file));
    return file;
  }

  /** {@code jfr view hot-methods}: the top sampled methods of a recording. */
  static String hotMethods(Path jfr) throws IOException, InterruptedException {
    return run(List.of(jdkTool("jfr"), "view", "--width", "160", "hot-methods", jfr.toString()));
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static String jdkTool(String tool) {
    return Path.of(System.getProperty("java.home"), "bin", tool).toString();
  }
}
