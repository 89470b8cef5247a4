package io.mcpmanager.git.repos;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public record RepositorySyncResponse(
    UUID id,
    UUID connectionId,
    String provider,
    String status,
    int pages,
    int repositories,
    int removed,
    int rateLimitWaits,
    @Nullable String error,
    Instant startedAt,
    @Nullable Instant finishedAt) {

  static RepositorySyncResponse from(RepositorySync s) {
    return new RepositorySyncResponse(
        s.id(),
        s.connectionId(),
        s.provider(),
        s.status().value(),
        s.pages(),
        s.repositories(),
        s.removed(),
        s.rateLimitWaits(),
        s.error(),
        s.startedAt(),
        s.finishedAt());
  }
}
