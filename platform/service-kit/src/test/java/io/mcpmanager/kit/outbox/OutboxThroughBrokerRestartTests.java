package io.mcpmanager.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.KitFixtureApplication;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.fixture.ReceivedEvents;
import io.mcpmanager.testsupport.KafkaBrokerProcess;
import io.mcpmanager.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's promise on a real broker that dies mid-stream: every event written with a change
 * reaches the consumer, none is lost, and the duplicates at-least-once delivery produces are
 * skipped by the idempotent consumer.
 */
@SpringBootTest(
    classes = KitFixtureApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "spring.kafka.consumer.group-id=outbox-restart")
@ContextConfiguration(initializers = RealInfrastructure.class)
class OutboxThroughBrokerRestartTests {

  private static final int EVENTS = 1_000;
  private static final KafkaBrokerProcess broker = KafkaBrokerProcess.start();

  @DynamicPropertySource
  static void kafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Autowired CredentialEvents events;
  @Autowired TransactionTemplate transactions;
  @Autowired ReceivedEvents received;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldDeliverEveryEventExactlyOnceToTheConsumerWhenTheBrokerIsKilledAndRestartedMidStream() {
    writeEvents(0, EVENTS / 2);
    await().atMost(Duration.ofSeconds(60)).until(() -> received.distinctReceived() >= 100);

    broker.kill();
    writeEvents(EVENTS / 2, EVENTS);
    assertThat(pendingInOutbox())
        .as("events wait in the outbox while the broker is down")
        .isPositive();
    broker.restart();

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(received.distinctReceived()).isEqualTo(EVENTS));
    assertThat(pendingInOutbox()).isZero();
    assertThat(received.deliveries()).isEqualTo(EVENTS + received.duplicatesSkipped());
  }

  private void writeEvents(int from, int to) {
    for (int i = from; i < to; i++) {
      String owner = "user-" + (i % 7);
      String entity = "entity-" + i;
      transactions.executeWithoutResult(
          status ->
              events.record(
                  EventTypes.of("note", "created"),
                  Actor.system("outbox-test"),
                  new CredentialEvents.Subject(owner, "note", entity),
                  "create",
                  "success",
                  Map.of()));
    }
  }

  private long pendingInOutbox() {
    return jdbc.sql("SELECT count(*) FROM outbox_event").query(Long.class).single();
  }
}
