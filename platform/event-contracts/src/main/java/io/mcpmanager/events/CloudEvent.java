package io.mcpmanager.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A CloudEvents 1.0 envelope in its JSON structured mode. Field names are the CloudEvents attribute
 * names, so a plain JSON mapper writes a conformant event. Subject, datacontenttype, partitionkey
 * and data are optional in CloudEvents: every producer here sets them, but a consumer must expect
 * an event without them.
 *
 * @param partitionkey CloudEvents partitioning extension: the owning user id, also the Kafka key,
 *     so one user's events stay in order
 */
public record CloudEvent(
    String specversion,
    UUID id,
    String source,
    String type,
    @Nullable String subject,
    Instant time,
    @Nullable String datacontenttype,
    @Nullable String partitionkey,
    @Nullable CredentialEventData data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String JSON = "application/json";

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    requireText(source, "source");
    requireText(type, "type");
    Objects.requireNonNull(time, "time");
    if (!SPEC_VERSION.equals(specversion)) {
      throw new IllegalArgumentException("specversion must be " + SPEC_VERSION);
    }
  }

  /** A new event about {@code data}'s entity, keyed by its owner. */
  public static CloudEvent of(String source, String type, Instant time, CredentialEventData data) {
    Objects.requireNonNull(data, "data");
    String key = data.ownerId() != null ? data.ownerId() : data.entityId();
    return new CloudEvent(
        SPEC_VERSION, UUID.randomUUID(), source, type, data.entityId(), time, JSON, key, data);
  }

  private static void requireText(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
