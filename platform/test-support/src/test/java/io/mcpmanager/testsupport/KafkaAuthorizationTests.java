package io.mcpmanager.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.events.Topics;
import io.mcpmanager.localstack.KafkaAccess;
import io.mcpmanager.localstack.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack's Kafka security on a real broker configured exactly as {@code ./mcpm} configures
 * it ({@link LocalKafka}, {@link KafkaAccess}): each service writes only its own topic, reads only
 * what it consumes, and a client without valid credentials gets nothing.
 */
class KafkaAuthorizationTests {

  private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
  private static final Map<String, String> PASSWORDS =
      KafkaAccess.principals().stream()
          .collect(Collectors.toMap(Function.identity(), p -> p + "-" + UUID.randomUUID()));

  private static KafkaBrokerProcess broker;

  @BeforeAll
  static void startSecuredBroker() {
    broker =
        KafkaBrokerProcess.start(
            new KafkaBrokerProcess.Setup() {
              @Override
              public String serverProperties(int port, int controllerPort, Path logDirectory) {
                return LocalKafka.serverProperties(
                    "127.0.0.1", port, controllerPort, logDirectory, 3, ADMIN_PASSWORD);
              }

              @Override
              public List<String> formatArguments() {
                return List.of("--add-scram", LocalKafka.formatScramArgument(ADMIN_PASSWORD));
              }
            });
    try (Admin admin =
        Admin.create(
            LocalKafka.clientProperties(
                broker.bootstrapServers(), KafkaAccess.ADMIN, ADMIN_PASSWORD))) {
      KafkaAccess.apply(admin, PASSWORDS);
      // Applying again (every ./mcpm up does) changes nothing and fails nothing.
      KafkaAccess.apply(admin, PASSWORDS);
    }
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void shouldLetAServiceWriteItsOwnTopic() throws Exception {
    RecordMetadata written =
        send("git-connection-service", Topics.GIT_CONNECTION_SERVICE_EVENTS).get();
    assertThat(written.topic()).isEqualTo(Topics.GIT_CONNECTION_SERVICE_EVENTS);
  }

  @Test
  void shouldRefuseAServiceWritingAnotherServicesTopic() {
    assertThatThrownBy(
            () -> send("integration-service", Topics.GIT_CONNECTION_SERVICE_EVENTS).get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> send("integration-service", Topics.AUTH_SERVER_EVENTS).get())
        .hasCauseInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> send("integration-service", Topics.DEAD_LETTERS).get())
        .hasCauseInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void shouldRefuseAClientWithAWrongPassword() {
    Map<String, Object> config =
        new HashMap<>(
            LocalKafka.clientProperties(
                broker.bootstrapServers(), "integration-service", "not-the-password"));
    assertThatThrownBy(() -> send(config, Topics.INTEGRATION_SERVICE_EVENTS).get())
        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
  }

  @Test
  void shouldGiveAnUnauthenticatedClientNothing() {
    // No SASL at all: the broker speaks only SASL, so the client never gets metadata.
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
    assertThatThrownBy(() -> send(config, Topics.INTEGRATION_SERVICE_EVENTS).get())
        .hasMessageContaining("not present in metadata");
  }

  @Test
  void shouldLetTheFollowersReadAuthServersTopicOnlyAndAuditReadEveryEventsTopic()
      throws Exception {
    send("auth-server", Topics.AUTH_SERVER_EVENTS).get();
    send("integration-service", Topics.INTEGRATION_SERVICE_EVENTS).get();

    assertThat(firstRecord("gateway", Topics.AUTH_SERVER_EVENTS)).isNotNull();
    assertThat(firstRecord("mcp-server-service", Topics.AUTH_SERVER_EVENTS)).isNotNull();
    assertThat(firstRecord("audit-service", Topics.INTEGRATION_SERVICE_EVENTS)).isNotNull();
    assertThatThrownBy(() -> firstRecord("gateway", Topics.INTEGRATION_SERVICE_EVENTS))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> firstRecord("mcp-server-service", Topics.INTEGRATION_SERVICE_EVENTS))
        .isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void shouldLetAuditServiceWriteItsDeadLettersButNoProducersTopic() throws Exception {
    assertThat(send("audit-service", Topics.DEAD_LETTERS).get().topic())
        .isEqualTo(Topics.DEAD_LETTERS);
    assertThatThrownBy(() -> send("audit-service", Topics.AUTH_SERVER_EVENTS).get())
        .hasCauseInstanceOf(TopicAuthorizationException.class);
  }

  private static java.util.concurrent.Future<RecordMetadata> send(String principal, String topic) {
    return send(
        new HashMap<>(
            LocalKafka.clientProperties(
                broker.bootstrapServers(), principal, PASSWORDS.get(principal))),
        topic);
  }

  private static java.util.concurrent.Future<RecordMetadata> send(
      Map<String, Object> config, String topic) {
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      var sent = producer.send(new ProducerRecord<>(topic, "user-1", "{}"));
      producer.flush();
      return sent;
    }
  }

  /** Reads partition 0 from the start as {@code principal} (assigned, no group). */
  private static ConsumerRecord<String, String> firstRecord(String principal, String topic) {
    Map<String, Object> config =
        new HashMap<>(
            LocalKafka.clientProperties(
                broker.bootstrapServers(), principal, PASSWORDS.get(principal)));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          List.of(
              new TopicPartition(topic, 0),
              new TopicPartition(topic, 1),
              new TopicPartition(topic, 2));
      consumer.assign(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          return record;
        }
      }
      return null;
    }
  }
}
