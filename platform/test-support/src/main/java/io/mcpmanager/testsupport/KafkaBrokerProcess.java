package io.mcpmanager.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A real Kafka broker (KRaft, combined broker and controller) in a separate JVM, for tests that
 * stop, kill and restart the broker. The broker keeps its ports and log directory across restarts,
 * so clients reconnect to the same address and no acknowledged record is lost. By default it is
 * PLAINTEXT; {@link #start(Setup)} configures it otherwise (e.g. with SASL and ACLs like the local
 * stack).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  /** The broker's configuration: its server.properties and extra storage-format arguments. */
  public interface Setup {

    String serverProperties(int port, int controllerPort, Path logDirectory);

    /** For instance {@code --add-scram} for credentials the broker needs before it starts. */
    default List<String> formatArguments() {
      return List.of();
    }
  }

  private final int port = Processes.freePort();
  private final int controllerPort = Processes.freePort();
  private final Path dir = Processes.scratchDir("kafka-broker");
  private final Path config = dir.resolve("server.properties");
  private final Path log = dir.resolve("broker.log");
  private final Setup setup;
  private Process process;

  private KafkaBrokerProcess(Setup setup) {
    this.setup = setup;
    writeConfig();
    format();
    launch();
  }

  /** Formats storage once and starts a PLAINTEXT broker; waits until it accepts connections. */
  public static KafkaBrokerProcess start() {
    return new KafkaBrokerProcess(KafkaBrokerProcess::plaintext);
  }

  /** Like {@link #start()}, configured by {@code setup}. */
  public static KafkaBrokerProcess start(Setup setup) {
    return new KafkaBrokerProcess(setup);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** SIGKILL: the broker gets no chance to flush or shut down cleanly. */
  public void kill() {
    Processes.destroy(process, true);
  }

  /** SIGTERM: a clean shutdown. */
  public void stop() {
    Processes.destroy(process, false);
  }

  /** Starts the broker again on the same ports and data. */
  public void restart() {
    if (process.isAlive()) {
      stop();
    }
    launch();
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  @Override
  public void close() {
    stop();
  }

  private void writeConfig() {
    try {
      Files.writeString(config, setup.serverProperties(port, controllerPort, dir.resolve("data")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String plaintext(int port, int controllerPort, Path logDirectory) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + logDirectory,
        "num.partitions=3",
        "auto.create.topics.enable=true",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "");
  }

  private void format() {
    List<String> arguments =
        new ArrayList<>(
            List.of("format", "-t", clusterId(), "-c", config.toString(), "--ignore-formatted"));
    arguments.addAll(setup.formatArguments());
    Process formatter = java("kafka.tools.StorageTool", arguments.toArray(String[]::new));
    try {
      if (formatter.waitFor() != 0) {
        throw new IllegalStateException("kafka storage format failed:\n" + Processes.tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Keeps the new process before waiting, so that close() stops it even when it never gets ready.
   */
  private void launch() {
    process = java("kafka.Kafka", config.toString());
    Processes.awaitTrue(
        "Kafka broker", Duration.ofSeconds(60), this::acceptsConnections, process, log);
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs a Kafka main class in a child JVM on this JVM's class path (spring-kafka-test brings the
   * broker).
   */
  private Process java(String mainClass, String... args) {
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBin,
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    command.addAll(List.of(args));
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String clusterId() {
    // Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. One starting with
    // '-'
    // would be read as an option by the storage tool, so draw again (as Kafka's own Uuid does).
    while (true) {
      UUID uuid = UUID.randomUUID();
      ByteBuffer bytes = ByteBuffer.allocate(16);
      bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }
}
