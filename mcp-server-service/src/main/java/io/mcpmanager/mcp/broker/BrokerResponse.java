package io.mcpmanager.mcp.broker;

import java.time.Instant;

/** The brokered credential, sent once with {@code Cache-Control: no-store}; never logged. */
public record BrokerResponse(String credential, String type, Instant expiresAt) {

  @Override
  public String toString() {
    return "BrokerResponse[type=" + type + ", expiresAt=" + expiresAt + "]";
  }
}
