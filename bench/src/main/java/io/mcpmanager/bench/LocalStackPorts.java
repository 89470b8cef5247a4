package io.mcpmanager.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The local stack's ports, read from {@code local-stack/ports.properties}: the one file that holds
 * them, read by {@code ./mcpm} too. Everything listens on 127.0.0.1.
 */
public final class LocalStackPorts {

  static final String FILE = "local-stack/ports.properties";
  private static final String HOST = "127.0.0.1";

  private final Path file;
  private final Properties ports;

  private LocalStackPorts(Path file, Properties ports) {
    this.file = file;
    this.ports = ports;
  }

  public static LocalStackPorts read(Path repositoryRoot) {
    Path file = repositoryRoot.resolve(FILE);
    Properties ports = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      ports.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the local stack's ports from " + file, e);
    }
    return new LocalStackPorts(file, ports);
  }

  /**
   * The port of a component ({@code postgres}, {@code kafka}, ...) or an app's HTTP port (its
   * module name).
   */
  public int port(String name) {
    String value = ports.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(file + " has no port " + name);
    }
    return Integer.parseInt(value.trim());
  }

  /** An app's actuator port (health, Prometheus), which the gateway does not route. */
  public int managementPort(String app) {
    return port(app + ".management");
  }

  public String url(String name) {
    return "http://" + HOST + ":" + port(name);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port("postgres") + "/" + database;
  }

  public String kafkaBootstrapServers() {
    return HOST + ":" + port("kafka");
  }
}
