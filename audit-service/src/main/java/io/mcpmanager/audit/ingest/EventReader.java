package io.mcpmanager.audit.ingest;

import io.mcpmanager.audit.trail.NewEntry;
import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CloudEvent;
import io.mcpmanager.events.CredentialEventData;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a credential event as the kit's outbox writes it (CloudEvents JSON, snake_case data).
 * Lenient where producers may move ahead of this consumer: unknown attributes and unknown actor
 * kinds are accepted, and any well-formed type is stored.
 */
@Component
class EventReader {

  private final JsonMapper json;
  private final ObjectReader reader;

  EventReader(JsonMapper json) {
    this.json = json;
    this.reader =
        json.readerFor(CloudEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .with(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
  }

  NewEntry read(@Nullable String payload) {
    if (payload == null || payload.isBlank()) {
      throw UnreadableEventException.because("empty message");
    }
    CloudEvent event = parse(payload);
    CredentialEventData data = event.data();
    Actor actor = data == null ? null : data.actor();
    return new NewEntry(
        event.id(),
        event.type(),
        event.source(),
        event.time(),
        actor == null || actor.kind() == null ? null : actor.kind().name(),
        actor == null ? null : actor.id(),
        actor == null ? null : actor.ip(),
        actor == null ? null : actor.userAgent(),
        data == null ? null : data.ownerId(),
        data == null ? null : data.entityType(),
        data == null ? event.subject() : data.entityId(),
        data == null ? null : data.action(),
        data == null ? null : data.outcome(),
        data == null ? "{}" : json.writeValueAsString(data.changes()),
        data == null ? null : data.traceId());
  }

  private CloudEvent parse(String payload) {
    CloudEvent event;
    try {
      event = reader.readValue(payload);
    } catch (JacksonException e) {
      throw UnreadableEventException.because(describe(e));
    }
    if (event == null) {
      throw UnreadableEventException.because("empty message");
    }
    return event;
  }

  /** The reason without the payload: Jackson's own messages quote the input. */
  private static String describe(JacksonException e) {
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      Throwable cause = e.getCause();
      return cause instanceof NullPointerException
          ? "not a CloudEvent: attribute '" + cause.getMessage() + "' is missing"
          : "not a CloudEvent: " + cause.getMessage();
    }
    if (e instanceof MismatchedInputException) {
      return "not a CloudEvent: attribute '" + path(e) + "' has a wrong type";
    }
    if (e instanceof StreamReadException) {
      return "not valid JSON";
    }
    return "not a CloudEvent";
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(root)" : path.toString();
  }
}
