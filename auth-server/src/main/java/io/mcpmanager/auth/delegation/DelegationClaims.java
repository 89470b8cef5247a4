package io.mcpmanager.auth.delegation;

import io.mcpmanager.auth.token.Audiences;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shapes a delegated token after the user claims are in place ({@code TokenClaims} runs first):
 * {@code scope} only the delegated scopes (not every scope the user holds), {@code aud} the
 * audiences asked for, {@code exp} = {@code iat} + the lifetime asked for, and {@code act} = {@code
 * {"sub": <client id>}}, the client that exchanged the token. The sign-in's {@code amr}, {@code
 * acr} and {@code auth_time} are dropped: a delegated token proves no authentication of its own.
 */
@Component
public class DelegationClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  private final DelegationProperties properties;

  DelegationClaims(DelegationProperties properties) {
    this.properties = properties;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    if (!AuthorizationGrantType.TOKEN_EXCHANGE.equals(context.getAuthorizationGrantType())
        || !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
        || !(context.getAuthorizationGrant()
            instanceof OAuth2TokenExchangeAuthenticationToken grant)) {
      return;
    }
    DelegationRequest request = DelegationRequest.of(grant, properties);
    Instant issuedAt = Objects.requireNonNull(context.getClaims().build().getIssuedAt());
    // Mutable collections: the claims are stored with the authorization, and the store's JSON
    // allow-list knows ArrayList and LinkedHashMap, not the JDK's immutable classes.
    Map<String, Object> actor = new LinkedHashMap<>();
    actor.put(JwtClaimNames.SUB, context.getRegisteredClient().getClientId());
    context
        .getClaims()
        .audience(audience(request))
        .expiresAt(issuedAt.plus(request.lifetime()))
        .claim(OAuth2ParameterNames.SCOPE, new ArrayList<>(request.scopes()))
        .claim(DelegatedTokens.ACT, actor)
        .claims(
            claims -> {
              claims.remove("amr");
              claims.remove("acr");
              claims.remove("auth_time");
            });
  }

  /**
   * The audiences asked for; the user-facing API stands for the services behind the gateway, each
   * of which accepts only tokens naming it (as a person's own token does).
   */
  private static List<String> audience(DelegationRequest request) {
    List<String> audience = new ArrayList<>(request.audiences());
    if (audience.contains(Audiences.USER_API)) {
      Audiences.USER_FACING_SERVICES.stream()
          .filter(service -> !audience.contains(service))
          .forEach(audience::add);
    }
    return audience;
  }
}
