package io.mcpmanager.mcp.broker;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mcpmanager.mcp.config.McpProperties;
import io.mcpmanager.mcp.server.ServerIdentity;
import io.mcpmanager.mcp.server.ServerPublicKey;
import io.mcpmanager.mcp.server.ServerRegistry;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Verifies a JWT an MCP server signed with its own key: {@code iss} = server id, signature against
 * the registered {@code server_public_key}, {@code aud} = the manager, {@code exp} at most five
 * minutes ahead, a {@code jti}, and {@code sub} (if present) = the owning user.
 */
@Component
class ServerTokenVerifier {

  /** A verified token and the server that signed it. */
  record VerifiedToken(ServerIdentity server, String jti, Instant expiresAt) {}

  private final ServerRegistry servers;
  private final McpProperties properties;

  ServerTokenVerifier(ServerRegistry servers, McpProperties properties) {
    this.servers = servers;
    this.properties = properties;
  }

  /** Best-effort server id of a token that may fail verification, for the denial event. */
  static Optional<UUID> claimedServer(String token) {
    try {
      return Optional.of(UUID.fromString(SignedJWT.parse(token).getJWTClaimsSet().getIssuer()));
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The owner of the server a token claims to come from, so a refusal reaches the right user's
   * trail.
   */
  public Optional<String> ownerOf(UUID serverId) {
    return servers.identity(serverId).map(ServerIdentity::ownerId);
  }

  public VerifiedToken verify(@Nullable String token, Instant now) {
    if (token == null || token.isBlank()) {
      throw BrokerDeniedException.unauthenticated(
          "missing_token",
          "Send a JWT signed with the server's key as 'Authorization: Bearer <jwt>'");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw BrokerDeniedException.unauthenticated(
          "malformed_token", "The bearer token is not a signed JWT");
    }
    UUID serverId;
    try {
      serverId = UUID.fromString(String.valueOf(claims.getIssuer()));
    } catch (IllegalArgumentException e) {
      throw BrokerDeniedException.unauthenticated(
          "unknown_server", "iss must be the id of a registered server");
    }
    ServerIdentity server =
        servers
            .identity(serverId)
            .orElseThrow(
                () ->
                    BrokerDeniedException.unauthenticated(
                        "unknown_server", "iss must be the id of a registered server"));
    if (server.serverPublicKey() == null) {
      throw BrokerDeniedException.unauthenticated(
          "no_server_key", "The server has no registered public key");
    }
    ServerPublicKey key = ServerPublicKey.stored(server.serverPublicKey());
    if (!key.verify(jwt.getHeader(), jwt.getSigningInput(), jwt.getSignature())) {
      throw BrokerDeniedException.unauthenticated(
          "invalid_signature", "The token is not signed with the server's registered key");
    }
    Duration skew = properties.broker().clockSkew();
    Instant expiresAt = instant(claims.getExpirationTime());
    if (expiresAt == null) {
      throw BrokerDeniedException.unauthenticated("missing_exp", "The token must carry exp");
    }
    if (!expiresAt.isAfter(now.minus(skew))) {
      throw BrokerDeniedException.unauthenticated("expired", "The token has expired");
    }
    if (expiresAt.isAfter(now.plus(properties.broker().maxTokenLifetime()).plus(skew))) {
      throw BrokerDeniedException.unauthenticated(
          "lifetime_too_long",
          "exp may be at most "
              + properties.broker().maxTokenLifetime().toMinutes()
              + " minutes ahead");
    }
    Instant notBefore = instant(claims.getNotBeforeTime());
    Instant issuedAt = instant(claims.getIssueTime());
    if ((notBefore != null && notBefore.isAfter(now.plus(skew)))
        || (issuedAt != null && issuedAt.isAfter(now.plus(skew)))) {
      throw BrokerDeniedException.unauthenticated("not_yet_valid", "The token is not valid yet");
    }
    if (claims.getAudience() == null
        || !claims.getAudience().contains(properties.manager().issuerId())) {
      throw BrokerDeniedException.unauthenticated(
          "wrong_audience", "aud must be '" + properties.manager().issuerId() + "'");
    }
    if (claims.getSubject() != null && !claims.getSubject().equals(server.ownerId())) {
      throw BrokerDeniedException.forbidden(
          "subject_mismatch", "A server may act only for the user who owns it");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank() || jti.length() > 200) {
      throw BrokerDeniedException.unauthenticated(
          "missing_jti", "The token must carry a jti of at most 200 characters");
    }
    return new VerifiedToken(server, jti, expiresAt);
  }

  private static @Nullable Instant instant(@Nullable Date date) {
    return date == null ? null : date.toInstant();
  }
}
