package io.mcpmanager.auth.pat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway needs to let a token's request through, in the manner of token introspection
 * (RFC 7662): {@code active: false} alone for a token that is not valid (malformed, unknown,
 * revoked, expired or its owner disabled: one answer for all, so nothing is learnt about which
 * tokens exist). An active token comes with its owner, scopes and networks, and a short-lived JWT
 * carrying that identity to the services, which validate only JWTs.
 *
 * @param accessTokenExpiresAt the JWT's expiry (at most 5 minutes, never after the token's own)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResolvedPatResponse(
    boolean active,
    @Nullable UUID patId,
    @Nullable UUID ownerId,
    @Nullable List<String> scopes,
    @Nullable List<String> allowedCidrs,
    @Nullable String accessToken,
    @Nullable Instant accessTokenExpiresAt) {

  static ResolvedPatResponse inactive() {
    return new ResolvedPatResponse(false, null, null, null, null, null, null);
  }
}
