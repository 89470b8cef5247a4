package io.mcpmanager.audit.checkpoint;

import io.mcpmanager.audit.config.AuditProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each stored checkpoint to {@code mcpm.audit.checkpoint.topic} (key: the seq), so copies
 * live outside the database. Best effort: a failed send is logged; the checkpoint is stored either
 * way.
 */
@Component
class CheckpointPublisher {

  private static final Logger log = LoggerFactory.getLogger(CheckpointPublisher.class);

  private final KafkaTemplate<String, String> kafka;
  private final JsonMapper json;
  private final String topic;

  CheckpointPublisher(
      KafkaTemplate<String, String> kafka, JsonMapper json, AuditProperties properties) {
    this.kafka = kafka;
    this.json = json;
    this.topic = properties.checkpoint().topic();
  }

  void publish(Checkpoint checkpoint) {
    kafka
        .send(
            topic,
            Long.toString(checkpoint.seq()),
            json.writeValueAsString(CheckpointResponse.of(checkpoint)))
        .whenComplete(
            (result, failure) -> {
              if (failure != null) {
                log.warn(
                    "audit checkpoint at seq {} not published to {}: {}",
                    checkpoint.seq(),
                    topic,
                    failure.getClass().getSimpleName());
              }
            });
  }
}
