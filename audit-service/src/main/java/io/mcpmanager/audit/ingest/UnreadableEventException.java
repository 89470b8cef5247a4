package io.mcpmanager.audit.ingest;

/**
 * A message on the credential-events topic that is not a CloudEvent this service can read. Never
 * retried: it goes to the dead-letter topic at once. The message names the problem, never the
 * payload.
 */
public class UnreadableEventException extends RuntimeException {

  private UnreadableEventException(String reason) {
    super(reason, null, false, false);
  }

  public static UnreadableEventException because(String reason) {
    return new UnreadableEventException(reason);
  }
}
