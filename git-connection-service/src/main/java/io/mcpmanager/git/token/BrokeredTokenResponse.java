package io.mcpmanager.git.token;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A live access token for a service allowed to broker it ({@code git.broker}); never cached. */
public record BrokeredTokenResponse(
    UUID connectionId,
    String provider,
    String accessToken,
    String tokenType,
    @Nullable Instant expiresAt,
    List<String> scopes) {

  @Override
  public String toString() {
    return "BrokeredTokenResponse[connectionId=" + connectionId + ", provider=" + provider + "]";
  }
}
