package io.mcpmanager.mcp.broker;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The brokered credential, sent once with {@code Cache-Control: no-store}; never logged. */
public record BrokerResponse(
    String credential, @Nullable String type, @Nullable Instant expiresAt) {

  @Override
  public String toString() {
    return "BrokerResponse[type=" + type + ", expiresAt=" + expiresAt + "]";
  }
}
