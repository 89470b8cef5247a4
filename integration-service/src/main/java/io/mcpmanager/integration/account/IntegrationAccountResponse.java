package io.mcpmanager.integration.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An integration as clients see it: the seed's fields (id, type, meta, status, created_at,
 * updated_at) plus state; the credential appears only as its masked hint.
 */
public record IntegrationAccountResponse(
    UUID id,
    String ownerId,
    String type,
    String authMethod,
    Map<String, String> meta,
    String status,
    @Nullable String statusReason,
    @Nullable String credentialHint,
    int credentialVersion,
    @Nullable Instant lastValidatedAt,
    @Nullable Instant lastUsedAt,
    @Nullable Instant expiresAt,
    boolean stale,
    @Nullable Instant rollbackAvailableUntil,
    Instant createdAt,
    Instant updatedAt) {

  public static IntegrationAccountResponse from(
      IntegrationAccount account, Instant now, Duration staleAfter) {
    return new IntegrationAccountResponse(
        account.id(),
        account.ownerId(),
        account.type().value(),
        account.authMethod().value(),
        account.meta(),
        account.status().value(),
        account.statusReason() == null ? null : account.statusReason().value(),
        account.credentialHint(),
        account.credentialVersion(),
        account.lastValidatedAt(),
        account.lastUsedAt(),
        account.expiresAt(),
        account.isStale(now, staleAfter),
        account.canRollBack(now) ? account.previousCredentialUntil() : null,
        account.createdAt(),
        account.updatedAt());
  }
}
