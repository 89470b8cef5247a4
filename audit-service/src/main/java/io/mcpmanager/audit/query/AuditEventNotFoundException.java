package io.mcpmanager.audit.query;

import io.mcpmanager.kit.error.NotFoundException;
import java.util.UUID;

/** No such event, or one about another user's object: both answer 404. */
public class AuditEventNotFoundException extends NotFoundException {

  private AuditEventNotFoundException(UUID eventId) {
    super("Audit event", eventId);
  }

  public static AuditEventNotFoundException forId(UUID eventId) {
    return new AuditEventNotFoundException(eventId);
  }
}
