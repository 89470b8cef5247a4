package io.mcpmanager.kit.inbox;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotent consumption: a consumer records each event id in the same transaction as its effect;
 * a redelivered event finds its id taken and is skipped.
 */
public class Inbox {

  private final JdbcClient jdbc;

  public Inbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** True the first time this consumer sees the event; false for a duplicate. */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean firstDelivery(UUID eventId, String consumer) {
    return jdbc.sql("""
            INSERT INTO inbox_event (event_id, consumer, processed_at)
            VALUES (:id, :consumer, clock_timestamp()) ON CONFLICT DO NOTHING""")
        .param("id", eventId)
        .param("consumer", consumer)
        .update() == 1;
  }
}
