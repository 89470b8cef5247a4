package io.mcpmanager.kit.events;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CloudEvent;
import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.kit.outbox.OutboxWriter;
import io.mcpmanager.kit.security.RequestActor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Records a credential event in the outbox, in the caller's transaction: the actor of the current
 * request (or the named system job), the trace id and the service as CloudEvents source.
 */
public class CredentialEvents {

  private final OutboxWriter outbox;
  private final String source;
  private final Clock clock;
  private final ObjectProvider<Tracer> tracer;

  public CredentialEvents(
      OutboxWriter outbox, String source, Clock clock, ObjectProvider<Tracer> tracer) {
    this.outbox = outbox;
    this.source = source;
    this.clock = clock;
    this.tracer = tracer;
  }

  /** What happened to which entity; the actor is taken from the current request. */
  public record Subject(@Nullable String ownerId, String entityType, @Nullable String entityId) {}

  public CloudEvent record(
      String type,
      Subject subject,
      String action,
      String outcome,
      Map<String, CredentialEventData.Change> changes) {
    return record(type, RequestActor.current(source), subject, action, outcome, changes);
  }

  public CloudEvent record(
      String type,
      Actor actor,
      Subject subject,
      String action,
      String outcome,
      Map<String, CredentialEventData.Change> changes) {
    CredentialEventData data =
        new CredentialEventData(
            actor,
            subject.ownerId(),
            subject.entityType(),
            subject.entityId(),
            action,
            outcome,
            changes,
            traceId());
    CloudEvent event = CloudEvent.of(source, type, clock.instant(), data);
    outbox.append(event);
    return event;
  }

  private @Nullable String traceId() {
    Tracer t = tracer.getIfAvailable();
    Span span = t == null ? null : t.currentSpan();
    return span == null ? null : span.context().traceId();
  }
}
