package io.mcpmanager.audit.query;

import io.mcpmanager.audit.trail.EntryFilter;
import io.mcpmanager.events.CredentialEventData.Outcome;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The filters of the audit queries, bound from query parameters ({@code ?owner=&entity_type=...}).
 *
 * @param from inclusive, on the event's time
 * @param to exclusive, on the event's time
 */
public record AuditEventQuery(
    @Nullable String owner,
    @Nullable String actor,
    @BindParam("entity_type") @Nullable String entityType,
    @BindParam("entity_id") @Nullable String entityId,
    @Nullable String type,
    @Nullable String outcome,
    @Nullable Instant from,
    @Nullable Instant to) {

  static final Set<String> OUTCOMES = Set.of(Outcome.SUCCESS, Outcome.FAILURE, Outcome.DENIED);

  /**
   * The filter after validation; 400 for an unknown outcome or a range that ends before it starts.
   */
  EntryFilter toFilter() {
    if (outcome != null && !OUTCOMES.contains(outcome)) {
      throw InvalidAuditQueryException.forParameter(
          "outcome", "must be one of " + String.join(", ", OUTCOMES.stream().sorted().toList()));
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw InvalidAuditQueryException.forParameter("from", "must not be after 'to'");
    }
    return new EntryFilter(
        null,
        blankToNull(owner),
        blankToNull(actor),
        blankToNull(entityType),
        blankToNull(entityId),
        blankToNull(type),
        outcome,
        from,
        to);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
