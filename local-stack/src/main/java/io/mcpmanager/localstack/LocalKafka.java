package io.mcpmanager.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * The local stack's Kafka broker with authentication and authorization on, and its bootstrap.
 *
 * <p>Clients authenticate with SASL/SCRAM-SHA-512 (one principal per service, see {@link
 * KafkaAccess}); the controller listener, used by the broker alone, with SASL/PLAIN as {@link
 * KafkaAccess#ADMIN}. The StandardAuthorizer denies whatever no ACL allows. The admin's SCRAM
 * credential is written at {@code kafka-storage format --add-scram} time ({@link
 * #formatScramArgument}), so the broker can authenticate its own inter-broker connections before
 * any ACL or user exists; the services' users and the ACLs are applied after start.
 *
 * <p>Usage (passwords never on the command line but the format step's):
 *
 * <ul>
 *   <li>{@code LocalKafka properties <file> <host> <port> <controller-port> <log-dir>
 *       <partitions>}: writes the broker's server.properties; the admin password is read from
 *       {@code MCPM_KAFKA_ADMIN_PASSWORD}
 *   <li>{@code LocalKafka bootstrap <bootstrap-servers> <credentials-dir>}: one file per principal
 *       ({@code admin} included), holding its password; sets the users' SCRAM credentials, creates
 *       the topics and the ACLs
 * </ul>
 */
public final class LocalKafka {

  public static final String MECHANISM = "SCRAM-SHA-512";
  static final String ADMIN_PASSWORD_ENV = "MCPM_KAFKA_ADMIN_PASSWORD";

  private LocalKafka() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 7 && args[0].equals("properties")) {
      String properties =
          serverProperties(
              args[2],
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]),
              Path.of(args[5]),
              Integer.parseInt(args[6]),
              requiredEnv(ADMIN_PASSWORD_ENV));
      Files.writeString(Path.of(args[1]), properties);
    } else if (args.length == 3 && args[0].equals("bootstrap")) {
      Map<String, String> passwords = readCredentials(Path.of(args[2]));
      String adminPassword = passwords.remove(KafkaAccess.ADMIN);
      if (adminPassword == null) {
        throw new IllegalArgumentException("no " + KafkaAccess.ADMIN + " file in " + args[2]);
      }
      try (Admin admin =
          Admin.create(clientProperties(args[1], KafkaAccess.ADMIN, adminPassword))) {
        KafkaAccess.apply(admin, passwords);
      }
      System.out.println(
          "Kafka: " + passwords.size() + " SCRAM users, " + KafkaAccess.acls().size() + " ACLs");
    } else {
      System.err.println(
          "usage: LocalKafka properties <file> <host> <port> <controller-port> <log-dir>"
              + " <partitions> | LocalKafka bootstrap <bootstrap-servers> <credentials-dir>");
      System.exit(2);
    }
  }

  /** A one-node KRaft broker and controller; SASL everywhere, deny by default. */
  public static String serverProperties(
      String host,
      int port,
      int controllerPort,
      Path logDirectory,
      int partitions,
      String adminPassword) {
    String admin = quoted(KafkaAccess.ADMIN);
    String password = quoted(adminPassword);
    return String.join(
        "\n",
        "# A one-node KRaft broker and controller with SASL and ACLs (LocalKafka).",
        "node.id=1",
        "process.roles=broker,controller",
        "controller.quorum.voters=1@" + host + ":" + controllerPort,
        "listeners=SASL_PLAINTEXT://"
            + host
            + ":"
            + port
            + ",CONTROLLER://"
            + host
            + ":"
            + controllerPort,
        "advertised.listeners=SASL_PLAINTEXT://" + host + ":" + port,
        "inter.broker.listener.name=SASL_PLAINTEXT",
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
        // Clients and inter-broker: SCRAM (the credentials live in the cluster metadata).
        "sasl.enabled.mechanisms=" + MECHANISM,
        "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
        "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config="
            + "org.apache.kafka.common.security.scram.ScramLoginModule required username="
            + admin
            + " password="
            + password
            + ";",
        // The controller cannot use SCRAM (it serves the metadata SCRAM reads): PLAIN, admin only.
        "sasl.mechanism.controller.protocol=PLAIN",
        "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
        "listener.name.controller.plain.sasl.jaas.config="
            + "org.apache.kafka.common.security.plain.PlainLoginModule required username="
            + admin
            + " password="
            + password
            + " user_"
            + KafkaAccess.ADMIN
            + "="
            + password
            + ";",
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "allow.everyone.if.no.acl.found=false",
        "super.users=User:" + KafkaAccess.ADMIN,
        // Topics are created by the bootstrap; a typo in a topic name fails instead of creating
        // one.
        "auto.create.topics.enable=false",
        "log.dirs=" + logDirectory,
        "num.partitions=" + partitions,
        "default.replication.factor=1",
        "min.insync.replicas=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "");
  }

  /** The {@code --add-scram} argument of {@code kafka-storage format} for the admin. */
  public static String formatScramArgument(String adminPassword) {
    return MECHANISM + "=[name=" + KafkaAccess.ADMIN + ",password=" + adminPassword + "]";
  }

  /** How a principal connects: SASL_PLAINTEXT with SCRAM-SHA-512. */
  public static Map<String, Object> clientProperties(
      String bootstrapServers, String user, String password) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("security.protocol", "SASL_PLAINTEXT");
    properties.put("sasl.mechanism", MECHANISM);
    properties.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username="
            + quoted(user)
            + " password="
            + quoted(password)
            + ";");
    return properties;
  }

  private static Map<String, String> readCredentials(Path directory) throws IOException {
    Map<String, String> passwords = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        passwords.put(file.getFileName().toString(), Files.readString(file).strip());
      }
    }
    return passwords;
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String requiredEnv(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set");
    }
    return value;
  }
}
