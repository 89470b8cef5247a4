package io.mcpmanager.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.events.CloudEvent;
import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.testsupport.ServiceTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@ServiceTest
@org.springframework.test.context.TestPropertySource(properties = "mcpm.outbox.relay-enabled=false")
class OutboxWriterTests {

  @Autowired OutboxWriter outbox;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;

  private static CloudEvent event() {
    return CloudEvent.of(
        "kit-fixture",
        EventTypes.of("note", "created"),
        Instant.now(),
        new CredentialEventData(null, "owner-1", "note", "n-1", "create", "success", null, null));
  }

  @Test
  void shouldRefuseToWriteAnEventOutsideATransaction() {
    assertThatThrownBy(() -> outbox.append(event()))
        .isInstanceOf(IllegalTransactionStateException.class);
  }

  @Test
  void shouldDropTheEventWhenTheChangeRollsBack() {
    CloudEvent event = event();
    transactions.executeWithoutResult(
        status -> {
          outbox.append(event);
          status.setRollbackOnly();
        });
    assertThat(count(event)).isZero();

    transactions.executeWithoutResult(status -> outbox.append(event));
    assertThat(count(event)).isOne();
    String key =
        jdbc.sql("SELECT message_key FROM outbox_event WHERE id = :id")
            .param("id", event.id())
            .query(String.class)
            .single();
    assertThat(key).isEqualTo("owner-1");
  }

  private long count(CloudEvent event) {
    return jdbc.sql("SELECT count(*) FROM outbox_event WHERE id = :id")
        .param("id", event.id())
        .query(Long.class)
        .single();
  }
}
