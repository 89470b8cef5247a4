package io.mcpmanager.auth.pat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the gateway needs to let a token's request through: whose it is, what it may do, where from,
 * and a short-lived JWT carrying that identity to the services (which validate only JWTs).
 *
 * @param accessTokenExpiresAt the JWT's expiry (at most 5 minutes, never after the token's own)
 */
record ResolvedPatResponse(
    UUID patId,
    UUID ownerId,
    List<String> scopes,
    List<String> allowedCidrs,
    String accessToken,
    Instant accessTokenExpiresAt) {}
