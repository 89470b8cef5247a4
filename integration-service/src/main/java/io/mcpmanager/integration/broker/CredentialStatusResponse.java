package io.mcpmanager.integration.broker;

import java.time.Instant;

/**
 * Whether a usable credential exists (mcp-server-service's {@code credentials_valid}).
 *
 * @param exists the user has a live integration of the type
 * @param usable it is active and can be handed out
 */
public record CredentialStatusResponse(String type, boolean exists, boolean usable, String status,
    String statusReason, Instant lastValidatedAt, Instant expiresAt) {}
