package io.mcpmanager.audit.retention;

/** A retention cutoff younger than {@code mcpm.audit.retention.minimum-age}: nothing is removed. */
public class RetentionRefusedException extends RuntimeException {

  RetentionRefusedException(String message) {
    super(message);
  }
}
