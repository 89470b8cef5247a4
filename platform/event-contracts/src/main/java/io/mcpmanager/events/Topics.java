package io.mcpmanager.events;

/** Kafka topic names, named once for every producer and consumer. */
public final class Topics {

  /** All credential events; key = owning user id. */
  public static final String CREDENTIAL_EVENTS = "mcpm.credential-events";

  /** Events the audit service could not parse or store, with the reason in headers. */
  public static final String CREDENTIAL_EVENTS_DLT = "mcpm.credential-events.dlt";

  private Topics() {}
}
