package io.mcpmanager.audit.ingest;

import io.mcpmanager.audit.config.AuditProperties;
import io.mcpmanager.audit.trail.AppendResult;
import io.mcpmanager.audit.trail.AuditTrail;
import io.mcpmanager.audit.trail.NewEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes the credential events into the trail. One poll is stored in one database transaction and
 * its offsets are committed only after that transaction committed (manual acknowledgement), so a
 * crash in between redelivers events the trail then skips by id.
 *
 * <p>A record that cannot be read or stored is reported by its index: the error handler commits the
 * records before it (they are stored), retries or dead-letters it, and redelivers the rest.
 *
 * <p>It reads every producer's topic. Kafka cannot say who produced a record, but the broker lets
 * only one service write each topic, so an event whose {@code source} names another service than
 * the topic's producer is forged or misrouted: it is dead-lettered ({@value #SOURCE_MISMATCH}),
 * never stored.
 */
@Component
class CredentialEventListener {

  private static final Logger log = LoggerFactory.getLogger(CredentialEventListener.class);

  /** The dead-letter reason of an event whose source is not its topic's producer. */
  static final String SOURCE_MISMATCH = "source_mismatch";

  private final EventReader reader;
  private final AuditTrail trail;
  private final IngestMetrics metrics;
  private final Map<String, String> producers;

  CredentialEventListener(
      EventReader reader, AuditTrail trail, IngestMetrics metrics, AuditProperties properties) {
    this.reader = reader;
    this.trail = trail;
    this.metrics = metrics;
    this.producers = properties.ingest().producers();
  }

  /** The topics subscribed to: one per producing service. */
  public List<String> topics() {
    return producers.keySet().stream().sorted().toList();
  }

  @KafkaListener(topics = "#{__listener.topics()}")
  void onEvents(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
    List<NewEntry> entries = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      try {
        entries.add(fromItsProducer(records.get(i)));
      } catch (UnreadableEventException e) {
        store(entries);
        throw new BatchListenerFailedException(e.reason(), e, i);
      }
    }
    store(entries);
    ack.acknowledge();
  }

  private NewEntry fromItsProducer(ConsumerRecord<String, String> record) {
    NewEntry entry = reader.read(record.value());
    String producer = producers.get(record.topic());
    if (!entry.source().equals(producer)) {
      throw UnreadableEventException.because(
          SOURCE_MISMATCH + ": " + record.topic() + " carries events of " + producer + " only");
    }
    return entry;
  }

  /** Stores the entries (index i = record i); on failure finds the record that cannot be stored. */
  private void store(List<NewEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try {
      stored(trail.append(entries));
    } catch (RuntimeException batchFailure) {
      if (entries.size() == 1) {
        throw new BatchListenerFailedException("could not store the event", batchFailure, 0);
      }
      log.warn(
          "storing a batch of {} events failed ({}); storing them one by one",
          entries.size(),
          batchFailure.getClass().getSimpleName());
      for (int i = 0; i < entries.size(); i++) {
        try {
          stored(trail.append(List.of(entries.get(i))));
        } catch (RuntimeException e) {
          throw new BatchListenerFailedException("could not store the event", e, i);
        }
      }
    }
  }

  private void stored(AppendResult result) {
    result.stored().forEach(metrics::stored);
    if (result.duplicates() > 0) {
      metrics.duplicates(result.duplicates());
    }
  }
}
