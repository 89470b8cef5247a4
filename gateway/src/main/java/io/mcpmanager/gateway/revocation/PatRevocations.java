package io.mcpmanager.gateway.revocation;

/**
 * Told when auth-server revokes or regenerates a personal access token ({@code
 * personal-access-token.revoked} / {@code .regenerated}), so a cached resolution is dropped at once
 * rather than when it expires.
 */
public interface PatRevocations {

  void revoked(String patId);
}
