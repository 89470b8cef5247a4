package io.mcpmanager.git.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A connection as the frontend shows it: never a token, only its masked hint. */
public record GitConnectionResponse(
    UUID id,
    String provider,
    String providerName,
    String externalUserId,
    @Nullable String username,
    @Nullable String email,
    @Nullable String avatarUrl,
    String status,
    @Nullable String statusReason,
    boolean requiresReauth,
    List<String> scopes,
    @Nullable Instant expiresAt,
    boolean expiresSoon,
    boolean refreshable,
    String tokenHint,
    Instant connectedAt,
    Instant updatedAt,
    @Nullable Instant lastRefreshedAt) {

  static GitConnectionResponse from(
      GitConnection c, String providerName, Instant now, Duration soonWindow) {
    return new GitConnectionResponse(
        c.id(),
        c.provider(),
        providerName,
        c.externalUserId(),
        c.username(),
        c.email(),
        c.avatarUrl(),
        c.status().value(),
        c.statusReason() == null ? null : c.statusReason().value(),
        c.requiresReauth(),
        c.scopes(),
        c.expiresAt(),
        c.expiresSoon(now, soonWindow),
        c.isRefreshable(),
        c.tokenHint(),
        c.connectedAt(),
        c.updatedAt(),
        c.lastRefreshedAt());
  }
}
