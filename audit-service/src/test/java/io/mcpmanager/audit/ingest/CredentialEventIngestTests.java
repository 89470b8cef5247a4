package io.mcpmanager.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpmanager.audit.testdata.AuditEventMother;
import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CloudEvent;
import io.mcpmanager.events.Topics;
import io.mcpmanager.testsupport.ServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** The consumer on the embedded broker: exactly once by event id, dead letters, unknown types. */
@ServiceTest
class CredentialEventIngestTests {

  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired MeterRegistry meters;

  // This context's own broker: another context's embedded broker overwrites the system property.
  @Value("#{@embeddedKafka.brokersAsString}")
  String bootstrapServers;

  @LocalManagementPort int managementPort;

  @Test
  void shouldStoreAnEventPublishedThreeTimesOnce() {
    String owner = AuditEventMother.newUser("alice");
    CloudEvent event = AuditEventMother.tokenRotated(owner);
    double duplicatesBefore = duplicates();
    for (int i = 0; i < 3; i++) {
      publish(owner, json.writeValueAsString(event));
    }
    CloudEvent marker = AuditEventMother.tokenRotated(owner);
    publish(owner, json.writeValueAsString(marker));

    // Same key, same partition: once the later marker is stored, all three copies were consumed.
    awaitStored(marker.id());
    assertThat(rowsWithEventId(event.id())).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM audit_entry WHERE owner_id = :o")
                .param("o", owner)
                .query(Long.class)
                .single())
        .isEqualTo(2);
    assertThat(duplicates() - duplicatesBefore).isEqualTo(2);
  }

  @Test
  void shouldStoreTheEventsFieldsAsSent() {
    String owner = AuditEventMother.newUser("bob");
    CloudEvent event = AuditEventMother.tokenRotated(owner);
    publish(owner, json.writeValueAsString(event));
    awaitStored(event.id());

    Map<String, Object> row =
        jdbc.sql(
                """
            SELECT event_type, source, actor_kind, actor_id, actor_ip, actor_user_agent, owner_id,
                   entity_type, entity_id, action, outcome, changes::text AS changes, trace_id
            FROM audit_entry WHERE event_id = :id""")
            .param("id", event.id())
            .query()
            .singleRow();
    assertThat(row)
        .containsEntry("event_type", event.type())
        .containsEntry("source", "integration-service")
        .containsEntry("actor_kind", "USER")
        .containsEntry("actor_id", owner)
        .containsEntry("actor_ip", "203.0.113.7")
        .containsEntry("actor_user_agent", "curl/8.5")
        .containsEntry("owner_id", owner)
        .containsEntry("entity_type", "integration")
        .containsEntry("entity_id", event.data().entityId())
        .containsEntry("action", "rotate-token")
        .containsEntry("outcome", "success")
        .containsEntry("trace_id", event.data().traceId());
    assertThat((String) row.get("changes")).contains("\"token_hint\": {\"after\": \"…c3d4\"");
  }

  @Test
  void shouldDeadLetterAMalformedMessageWithItsReasonAndKeepConsuming() {
    String owner = AuditEventMother.newUser("carol");
    String notJson = "{not json " + UUID.randomUUID();
    String noSource =
        json.writeValueAsString(AuditEventMother.tokenRotated(owner))
            .replace("\"source\":\"integration-service\",", "");
    double deadBefore = deadLettered();
    publish(owner, notJson);
    publish(owner, noSource);
    CloudEvent valid = AuditEventMother.tokenRotated(owner);
    publish(owner, json.writeValueAsString(valid));

    awaitStored(valid.id());
    List<ConsumerRecord<String, String>> dead = deadLettersWithKey(owner, 2);
    assertThat(dead).extracting(ConsumerRecord::value).containsExactly(notJson, noSource);
    assertThat(header(dead.get(0), DeadLetterConfiguration.REASON_HEADER))
        .isEqualTo("not valid JSON");
    assertThat(header(dead.get(1), DeadLetterConfiguration.REASON_HEADER))
        .isEqualTo("not a CloudEvent: source is required");
    assertThat(header(dead.get(1), "kafka_dlt-original-topic"))
        .isEqualTo(Topics.INTEGRATION_SERVICE_EVENTS);
    assertThat(dead.get(0).headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
    await().untilAsserted(() -> assertThat(deadLettered() - deadBefore).isEqualTo(2));
  }

  @Test
  void shouldDeadLetterAnEventWhoseSourceIsNotItsTopicsProducerAndStoreTheMatchingOne() {
    String owner = AuditEventMother.newUser("mallory");
    // integration-service's principal may write its own topic only; an event there that claims to
    // come from auth-server (say, a forged user.enabled) is refused.
    CloudEvent forged =
        CloudEvent.of(
            "auth-server",
            "io.mcpmanager.user.enabled",
            java.time.Instant.now(),
            AuditEventMother.tokenRotated(owner).data());
    CloudEvent genuine = AuditEventMother.tokenRotated(owner);
    double deadBefore = deadLettered();
    publish(owner, json.writeValueAsString(forged));
    publish(owner, json.writeValueAsString(genuine));

    awaitStored(genuine.id());
    assertThat(rowsWithEventId(forged.id())).isZero();
    ConsumerRecord<String, String> dead = deadLettersWithKey(owner, 1).getFirst();
    assertThat(dead.value()).contains(forged.id().toString());
    assertThat(header(dead, DeadLetterConfiguration.REASON_HEADER))
        .isEqualTo(
            "source_mismatch: mcpm.events.integration-service carries events of"
                + " integration-service only");
    assertThat(header(dead, "kafka_dlt-original-topic"))
        .isEqualTo(Topics.INTEGRATION_SERVICE_EVENTS);
    await().untilAsserted(() -> assertThat(deadLettered() - deadBefore).isEqualTo(1));
  }

  @Test
  void shouldStoreAnEventOnEachProducersTopicWhenItsSourceIsThatProducer() {
    String owner = AuditEventMother.newUser("grace");
    List<CloudEvent> sent = new ArrayList<>();
    for (String topic : Topics.EVENT_TOPICS) {
      String producer = Topics.producerOf(topic).orElseThrow();
      CloudEvent event =
          CloudEvent.of(
              producer,
              AuditEventMother.tokenRotated(owner).type(),
              java.time.Instant.now(),
              AuditEventMother.tokenRotated(owner).data());
      kafka.send(topic, owner, json.writeValueAsString(event)).join();
      sent.add(event);
    }
    sent.forEach(event -> awaitStored(event.id()));
  }

  @Test
  void shouldDeadLetterAnEventTheDatabaseRefusesAfterRetriesAndKeepConsuming() {
    String owner = AuditEventMother.newUser("nul");
    CloudEvent refused =
        AuditEventMother.event(
            AuditEventMother.tokenRotated(owner).type(),
            Actor.user(owner, "203.0.113.7", "agent\u0000with-nul"),
            owner,
            "integration-1");
    CloudEvent valid = AuditEventMother.tokenRotated(owner);
    double before = deadLettered();
    publish(owner, json.writeValueAsString(refused));
    publish(owner, json.writeValueAsString(valid));

    awaitStored(valid.id());
    assertThat(rowsWithEventId(refused.id())).isZero();
    ConsumerRecord<String, String> dead = deadLettersWithKey(owner, 1).getFirst();
    assertThat(dead.value()).contains(refused.id().toString());
    assertThat(header(dead, DeadLetterConfiguration.REASON_HEADER))
        .startsWith("could not store the event: ");
    await().untilAsserted(() -> assertThat(deadLettered() - before).isEqualTo(1));
  }

  @Test
  void shouldCommitTheOffsetsOfStoredEvents() throws Exception {
    String owner = AuditEventMother.newUser("frank");
    CloudEvent event = AuditEventMother.tokenRotated(owner);
    var sent =
        kafka.send(Topics.INTEGRATION_SERVICE_EVENTS, owner, json.writeValueAsString(event)).join();
    awaitStored(event.id());

    TopicPartition partition =
        new TopicPartition(Topics.INTEGRATION_SERVICE_EVENTS, sent.getRecordMetadata().partition());
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      await()
          .untilAsserted(
              () -> {
                OffsetAndMetadata committed =
                    admin
                        .listConsumerGroupOffsets("audit-service")
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(partition);
                assertThat(committed).isNotNull();
                assertThat(committed.offset()).isGreaterThan(sent.getRecordMetadata().offset());
              });
    }
  }

  @Test
  void shouldStoreEventsOfTypesItDoesNotKnow() {
    String owner = AuditEventMother.newUser("dave");
    CloudEvent unknown =
        AuditEventMother.event(
            "io.mcpmanager.widget.frobbed", Actor.service("widget-service"), owner, "widget-1");
    publish(owner, json.writeValueAsString(unknown));

    awaitStored(unknown.id());
    assertThat(
            jdbc.sql("SELECT event_type FROM audit_entry WHERE event_id = :id")
                .param("id", unknown.id())
                .query(String.class)
                .single())
        .isEqualTo("io.mcpmanager.widget.frobbed");
  }

  @Test
  void shouldExportConsumerLagAndEndToEndLagMetrics() {
    String owner = AuditEventMother.newUser("erin");
    CloudEvent event = AuditEventMother.tokenRotated(owner);
    publish(owner, json.writeValueAsString(event));
    awaitStored(event.id());

    RestClient management = RestClient.create("http://127.0.0.1:" + managementPort);
    await()
        .untilAsserted(
            () ->
                assertThat(
                        management.get().uri("/actuator/prometheus").retrieve().body(String.class))
                    .contains("kafka_consumer_fetch_manager_records_lag_max")
                    .contains("mcpm_audit_events_lag_seconds_bucket")
                    .contains(
                        "mcpm_audit_events_stored_total{application=\"audit-service\",type=\""
                            + event.type()
                            + "\"}"));
  }

  private void publish(String key, String payload) {
    kafka.send(Topics.INTEGRATION_SERVICE_EVENTS, key, payload).join();
  }

  private void awaitStored(UUID eventId) {
    await().atMost(Duration.ofSeconds(30)).until(() -> rowsWithEventId(eventId) == 1);
  }

  private long rowsWithEventId(UUID eventId) {
    return jdbc.sql("SELECT count(*) FROM audit_entry WHERE event_id = :id")
        .param("id", eventId)
        .query(Long.class)
        .single();
  }

  private double duplicates() {
    return meters.get("mcpm.audit.events.duplicate").counter().count();
  }

  /** Registered at startup: zero dead letters is a series, so the alert has something to watch. */
  private double deadLettered() {
    return meters.get("mcpm.audit.dead.lettered").counter().count();
  }

  private List<ConsumerRecord<String, String>> deadLettersWithKey(String key, int expected) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "dlt-reader-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.DEAD_LETTERS));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (key.equals(r.key())) {
                            found.add(r);
                          }
                        });
                return found.size() >= expected;
              });
    }
    return found;
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
