package io.mcpmanager.integration.broker;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether a usable credential exists (mcp-server-service's {@code credentials_valid}).
 *
 * @param exists the user has a live integration of the type
 * @param usable it is active and can be handed out
 * @param status absent, like the other state, when no live integration exists
 */
public record CredentialStatusResponse(
    String type,
    boolean exists,
    boolean usable,
    @Nullable String status,
    @Nullable String statusReason,
    @Nullable Instant lastValidatedAt,
    @Nullable Instant expiresAt) {}
