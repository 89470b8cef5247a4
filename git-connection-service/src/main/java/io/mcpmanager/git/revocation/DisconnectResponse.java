package io.mcpmanager.git.revocation;

import java.util.UUID;

/**
 * @param revoked whether the provider confirmed the revocation
 * @param revocationPending true when the provider was unreachable: revocation is retried in the
 *     background
 */
public record DisconnectResponse(
    UUID id, String provider, boolean revoked, boolean revocationPending) {}
