package io.mcpmanager.auth.delegation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The delegated token, as the token endpoint would answer it ({@code expires_in} from {@code iat}),
 * with what it holds.
 */
record DelegationResponse(
    String accessToken,
    String tokenType,
    String issuedTokenType,
    long expiresIn,
    Instant expiresAt,
    List<String> scopes,
    List<String> audience,
    String delegationId) {

  static DelegationResponse from(Jwt token, String issuedTokenType) {
    Instant expiresAt = Objects.requireNonNull(token.getExpiresAt());
    return new DelegationResponse(
        token.getTokenValue(),
        "Bearer",
        issuedTokenType,
        Duration.between(Objects.requireNonNull(token.getIssuedAt()), expiresAt).toSeconds(),
        expiresAt,
        token.getClaimAsStringList("scope"),
        token.getAudience(),
        token.getId());
  }
}
