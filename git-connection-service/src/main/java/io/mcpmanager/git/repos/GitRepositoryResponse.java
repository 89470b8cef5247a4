package io.mcpmanager.git.repos;

import java.time.Instant;
import java.util.UUID;

public record GitRepositoryResponse(
    UUID id,
    UUID connectionId,
    String provider,
    String providerId,
    String fullName,
    String visibility,
    String defaultBranch,
    String cloneUrlHttps,
    String cloneUrlSsh,
    Permissions permissions,
    boolean archived,
    Instant updatedAt,
    Instant syncedAt,
    Instant removedAt) {

  public record Permissions(boolean admin, boolean push, boolean pull) {}
}
