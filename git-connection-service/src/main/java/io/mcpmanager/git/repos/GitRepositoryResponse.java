package io.mcpmanager.git.repos;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record GitRepositoryResponse(
    UUID id,
    UUID connectionId,
    String provider,
    String providerId,
    String fullName,
    String visibility,
    @Nullable String defaultBranch,
    @Nullable String cloneUrlHttps,
    @Nullable String cloneUrlSsh,
    Permissions permissions,
    boolean archived,
    @Nullable Instant updatedAt,
    Instant syncedAt,
    @Nullable Instant removedAt) {

  public record Permissions(boolean admin, boolean push, boolean pull) {}
}
