package io.mcpmanager.integration.broker;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A decrypted credential for a calling service; sent with {@code Cache-Control: no-store}. */
public record BrokeredCredentialResponse(
    UUID integrationId,
    String type,
    String authMethod,
    String accessToken,
    @Nullable Instant expiresAt,
    Map<String, String> meta,
    int credentialVersion) {

  @Override
  public String toString() {
    return "BrokeredCredentialResponse[integrationId=" + integrationId + ", type=" + type + "]";
  }
}
