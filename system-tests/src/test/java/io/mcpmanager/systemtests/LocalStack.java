package io.mcpmanager.systemtests;

import io.mcpmanager.bench.LocalStackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local stack started with the same launcher as {@code ./mcpm up}, fresh data each run, with
 * the third-party providers pointed at WireMock stand-ins. One instance per test JVM.
 */
public final class LocalStack {

  public static final LocalStackPorts PORTS = LocalStackPorts.read(repositoryRoot());
  public static final String GATEWAY = PORTS.url("gateway");
  public static final String ISSUER = PORTS.url("auth-server");

  private static LocalStack instance;
  private static RuntimeException startFailure;

  public final Path root;
  public final String password;
  public final Providers providers;

  /**
   * The environment of the first {@code ./mcpm up}: a later {@code up} (after a fault) starts
   * components alike.
   */
  private final Map<String, String> environment;

  /** Every secret the tests handed to the platform or that a provider issued: must never leak. */
  public final Set<String> secrets = ConcurrentHashMap.newKeySet();

  private LocalStack(
      Path root, String password, Providers providers, Map<String, String> environment) {
    this.root = root;
    this.password = password;
    this.providers = providers;
    this.environment = Map.copyOf(environment);
  }

  /**
   * Runs {@code ./mcpm <args>} with the stack's environment; its output goes to target/mcpm-up.log.
   */
  public int mcpm(Duration timeout, String... args) {
    return run(root, environment, timeout, args);
  }

  /** Runs {@code ./mcpm <args>} and returns what it printed (for {@code status --json}). */
  public String mcpmOutput(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("./mcpm"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectError(
                ProcessBuilder.Redirect.appendTo(
                    root.resolve("system-tests/target/mcpm-up.log").toFile()));
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "./mcpm " + String.join(" ", args) + " did not finish within " + timeout);
      }
      return new String(output, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run ./mcpm in " + root, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static synchronized LocalStack get() {
    if (startFailure != null) {
      throw startFailure;
    }
    if (instance == null) {
      try {
        instance = start();
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
    }
    return instance;
  }

  static synchronized void stopIfStarted() {
    if (instance != null || startFailure != null) {
      Path root = instance != null ? instance.root : repositoryRoot();
      run(root, Map.of(), Duration.ofMinutes(3), "down");
      if (instance != null) {
        instance.providers.stop();
      }
      instance = null;
    }
  }

  public static Path repositoryRoot() {
    return Path.of(System.getProperty("mcpm.root", "..")).toAbsolutePath().normalize();
  }

  private static LocalStack start() {
    Path root = repositoryRoot();
    if (!Files.isExecutable(root.resolve("mcpm"))) {
      throw new IllegalStateException("no ./mcpm launcher in " + root + " (set -Dmcpm.root)");
    }
    Providers providers = Providers.start();
    String password = "pw-" + random(12);
    String clientId = "Iv1." + random(8);
    String clientSecret = random(20);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MCPM_DEV_PASSWORD", password);
    env.put("MCPM_UP_TIMEOUT", "420");
    env.put("INTEGRATION_PROVIDERS_NOTION_BASE_URL", providers.notionUrl());
    for (String name : List.of("BASE_URL", "BASEURL", "API_URL", "APIURL")) {
      env.put("GIT_PROVIDERS_GITHUB_" + name, providers.githubUrl());
    }
    env.put("GIT_PROVIDERS_GITHUB_CLIENT_ID", clientId);
    env.put("GIT_PROVIDERS_GITHUB_CLIENT_SECRET", clientSecret);
    env.put("GIT_PROVIDERS_GITHUB_CLIENTID", clientId);
    env.put("GIT_PROVIDERS_GITHUB_CLIENTSECRET", clientSecret);
    // The suite makes more calls per second than a person; the limits are tested by the gateway's
    // own tests.
    env.put("MCPM_GATEWAY_RATELIMIT_ENABLED", "false");
    env.put("MCPM_GATEWAY_RATE_LIMIT_ENABLED", "false");
    providers.githubClient(clientId, clientSecret);
    LocalStack stack = new LocalStack(root, password, providers, env);
    stack.secrets.add(clientSecret);
    stack.secrets.add(password);
    run(root, Map.of(), Duration.ofMinutes(3), "down", "--purge");
    int exit = run(root, env, Duration.ofMinutes(8), "up", "--with-observability");
    if (exit != 0) {
      dumpLogs("./mcpm up");
      run(root, Map.of(), Duration.ofMinutes(3), "down");
      providers.stop();
      throw new IllegalStateException(
          "the local stack did not start: ./mcpm up exited with "
              + exit
              + "; see target/mcpm-up.log and the service logs printed above");
    }
    return stack;
  }

  private static int run(Path root, Map<String, String> env, Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("./mcpm"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    root.resolve("system-tests/target/mcpm-up.log").toFile()));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(root.resolve("system-tests/target"));
      Process process = builder.start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "./mcpm " + String.join(" ", args) + " did not finish within " + timeout);
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run ./mcpm in " + root, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last lines of every service log, to System.err (the surefire report). */
  static void dumpLogs(String why) {
    Path logs = repositoryRoot().resolve(".mcpm/logs");
    System.err.println("==== " + why + " failed; last lines of " + logs);
    try (Stream<Path> files = Files.list(logs)) {
      for (Path file : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(file);
        System.err.println("---- " + file.getFileName());
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.err::println);
      }
    } catch (IOException e) {
      System.err.println("(no logs: " + e + ")");
    }
  }

  /**
   * How {@code principal} (an app's name) connects to the stack's broker, which accepts only
   * SASL/SCRAM: its password is the one the launcher generated into .mcpm/kafka-credentials.
   */
  public Map<String, Object> kafkaClient(String principal) throws IOException {
    String password =
        Files.readString(root.resolve(".mcpm/kafka-credentials").resolve(principal)).strip();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", PORTS.kafkaBootstrapServers());
    config.put("security.protocol", "SASL_PLAINTEXT");
    config.put("sasl.mechanism", "SCRAM-SHA-512");
    config.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + principal
            + "\" password=\""
            + password
            + "\";");
    return config;
  }

  public List<Path> logFiles() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve(".mcpm/logs"))) {
      return files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
    }
  }

  static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** A new secret that the suite tracks for the leak checks. */
  public String newSecret(String prefix) {
    String secret = prefix + random(16);
    secrets.add(secret);
    return secret;
  }
}
