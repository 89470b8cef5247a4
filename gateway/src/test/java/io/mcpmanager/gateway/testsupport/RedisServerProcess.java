package io.mcpmanager.gateway.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, without persistence. Tests that need
 * it fail (never skip) when it is not installed.
 */
public final class RedisServerProcess implements AutoCloseable {

  private static final String BINARY = "redis-server";

  private final int port;

  private final Process process;

  private RedisServerProcess(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  public static RedisServerProcess start() {
    String binary = findBinary();
    int port = FreePorts.next();
    Path log = logFile(port);
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    binary,
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--daemonize",
                    "no",
                    "--protected-mode",
                    "yes"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException ex) {
      throw new IllegalStateException("Could not start " + binary + ": " + ex.getMessage(), ex);
    }
    RedisServerProcess redis = new RedisServerProcess(port, process);
    try {
      await("redis-server answering PONG on port " + port)
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(redis::ping);
    } catch (RuntimeException ex) {
      redis.close();
      throw new IllegalStateException("redis-server did not start; see " + log, ex);
    }
    return redis;
  }

  public int port() {
    return port;
  }

  public boolean isRunning() {
    return process.isAlive();
  }

  /** Sends PING over RESP and expects +PONG. */
  public boolean ping() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
    } catch (IOException ex) {
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  private static String findBinary() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir, BINARY);
      if (candidate.canExecute()) {
        return candidate.getAbsolutePath();
      }
    }
    throw new IllegalStateException(
        BINARY
            + " is not on PATH. These tests need a real Redis server: "
            + "install it with 'apt-get install redis-server' (Debian/Ubuntu).");
  }

  private static Path logFile(int port) {
    try {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"));
      Files.createDirectories(dir);
      return dir.resolve("redis-" + port + ".log");
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
