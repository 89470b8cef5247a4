package io.mcpmanager.audit.ingest;

/**
 * A message on an events topic that is not a CloudEvent this service can read or trust. Never
 * retried: it goes to the dead-letter topic at once. The message names the problem, never the
 * payload.
 */
public class UnreadableEventException extends RuntimeException {

  private final String reason;

  private UnreadableEventException(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
  }

  public static UnreadableEventException because(String reason) {
    return new UnreadableEventException(reason);
  }

  /** The message, which is never absent. */
  public String reason() {
    return reason;
  }
}
