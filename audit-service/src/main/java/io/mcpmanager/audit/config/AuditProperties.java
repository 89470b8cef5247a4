package io.mcpmanager.audit.config;

import io.mcpmanager.events.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Audit service settings ({@code mcpm.audit.*}).
 *
 * @param ingest how storage failures are retried before an event is dead-lettered
 * @param retention how long entries are kept and when the retention job runs
 * @param checkpoint how often the chain head is signed with the Transit key
 */
@Validated
@ConfigurationProperties("mcpm.audit")
public record AuditProperties(
    @Valid @NotNull Ingest ingest,
    @Valid @NotNull Retention retention,
    @Valid @NotNull Checkpoint checkpoint) {

  /**
   * @param producers events topic → the one service whose events it carries (its ACL lets only that
   *     service write it); an event whose {@code source} names another service is dead-lettered.
   *     Default: every producer's topic in {@link Topics#producers()}
   */
  public record Ingest(
      @Min(0) int maxRetries,
      @NotNull Duration initialInterval,
      @NotNull Duration maxInterval,
      Map<String, String> producers) {

    public Ingest {
      producers =
          producers == null || producers.isEmpty() ? Topics.producers() : Map.copyOf(producers);
    }
  }

  /**
   * @param keep entries received longer ago than this are removed (a prefix of the chain)
   * @param minimumAge the floor: retention never removes an entry received more recently than this,
   *     whatever {@code keep} says; at least 30 days (startup fails otherwise), default 365 days
   */
  public record Retention(
      boolean enabled,
      @NotNull Duration keep,
      @NotNull String cron,
      @NotNull @DurationMin(days = 30) Duration minimumAge) {

    public Retention {
      minimumAge = minimumAge == null ? Duration.ofDays(365) : minimumAge;
    }
  }

  /**
   * @param enabled whether the scheduled job signs checkpoints (verify checks stored ones either
   *     way)
   * @param interval time between two runs; a run with an unchanged head stores nothing
   * @param initialDelay first run after startup
   * @param keyName the ed25519 Transit key, created non-exportable on first use
   * @param topic the Kafka topic each stored checkpoint is sent to
   */
  public record Checkpoint(
      boolean enabled,
      @NotNull Duration interval,
      @NotNull Duration initialDelay,
      @NotBlank String keyName,
      @NotBlank String topic) {}
}
