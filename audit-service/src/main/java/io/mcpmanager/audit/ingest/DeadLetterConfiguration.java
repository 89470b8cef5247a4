package io.mcpmanager.audit.ingest;

import io.mcpmanager.audit.config.AuditProperties;
import io.mcpmanager.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Events that cannot be read go to the dead-letter topic at once; events that cannot be stored go
 * there after bounded retries with exponential backoff. The reason is in the {@value
 * #REASON_HEADER} header (and Spring's {@code kafka_dlt-exception-*} headers, without the stack
 * trace).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

  static final String REASON_HEADER = "mcpm_dlt_reason";

  @Bean
  DefaultErrorHandler auditErrorHandler(
      KafkaTemplate<String, String> kafka, IngestMetrics metrics, AuditProperties properties) {
    DeadLetterPublishingRecoverer deadLetters =
        new DeadLetterPublishingRecoverer(
            kafka, (record, e) -> new TopicPartition(Topics.DEAD_LETTERS, -1));
    deadLetters.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
    deadLetters.addHeadersFunction(
        (record, e) ->
            new RecordHeaders()
                .add(REASON_HEADER, Failure.of(e).reason().getBytes(StandardCharsets.UTF_8)));

    AuditProperties.Ingest ingest = properties.ingest();
    ExponentialBackOffWithMaxRetries backOff =
        new ExponentialBackOffWithMaxRetries(ingest.maxRetries());
    backOff.setInitialInterval(ingest.initialInterval().toMillis());
    backOff.setMaxInterval(ingest.maxInterval().toMillis());
    DefaultErrorHandler handler =
        new DefaultErrorHandler(
            (record, e) -> {
              deadLetters.accept(record, e);
              metrics.deadLettered();
            },
            backOff);
    handler.addNotRetryableExceptions(UnreadableEventException.class);
    // A failing event is expected traffic here (it is retried, then dead-lettered and counted).
    handler.setLogLevel(KafkaException.Level.WARN);
    return handler;
  }

  /** Why an event was dead-lettered: unreadable (with what is wrong) or not storable. */
  record Failure(String reason) {

    static Failure of(Throwable e) {
      Throwable root = e;
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof UnreadableEventException unreadable) {
          return new Failure(unreadable.reason());
        }
        root = t;
      }
      // Database messages may quote values, so only the kind of failure is named.
      return new Failure("could not store the event: " + root.getClass().getSimpleName());
    }
  }
}
