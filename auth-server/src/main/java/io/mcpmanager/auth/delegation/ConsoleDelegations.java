package io.mcpmanager.auth.delegation;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Service;

/**
 * Runs the token exchange for {@code /api/account/delegations}: the caller's token is the subject,
 * and the client it was issued to is the exchanging client (so {@code act} names the console, or
 * the CLI). Outside the token endpoint the issuer context is set here, as the endpoint's filter
 * sets it there. OAuth errors become problems with the error code as their type.
 */
@Service
class ConsoleDelegations {

  static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

  private final DelegatedTokenExchange exchange;
  private final OAuth2AuthorizationService authorizations;
  private final RegisteredClientRepository clients;
  private final AuthorizationServerSettings settings;
  private final JwtDecoder decoder;

  ConsoleDelegations(
      DelegatedTokenExchange exchange,
      OAuth2AuthorizationService authorizations,
      RegisteredClientRepository clients,
      AuthorizationServerSettings settings,
      JwtDecoder decoder) {
    this.exchange = exchange;
    this.authorizations = authorizations;
    this.clients = clients;
    this.settings = settings;
    this.decoder = decoder;
  }

  DelegationResponse create(Jwt caller, CreateDelegationRequest request) {
    OAuth2Authorization authorization =
        authorizations.findByToken(caller.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
    RegisteredClient client =
        authorization == null ? null : clients.findById(authorization.getRegisteredClientId());
    if (client == null) {
      throw refused(
          new OAuth2Error(
              OAuth2ErrorCodes.INVALID_GRANT,
              "Only a user's sign-in token can be delegated",
              null));
    }
    OAuth2TokenExchangeAuthenticationToken grant =
        new OAuth2TokenExchangeAuthenticationToken(
            ACCESS_TOKEN_TYPE,
            caller.getTokenValue(),
            ACCESS_TOKEN_TYPE,
            new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null),
            null,
            null,
            Set.of(),
            Set.of(request.audience().trim()),
            new LinkedHashSet<>(request.scopes().stream().map(String::trim).toList()),
            Map.of(DelegationRequest.EXPIRES_IN, String.valueOf(request.expiresInMinutes() * 60L)));
    AuthorizationServerContextHolder.setContext(issuerContext());
    try {
      OAuth2AccessTokenAuthenticationToken issued =
          (OAuth2AccessTokenAuthenticationToken) exchange.authenticate(grant);
      return DelegationResponse.from(
          decoder.decode(issued.getAccessToken().getTokenValue()),
          String.valueOf(
              issued
                  .getAdditionalParameters()
                  .getOrDefault(OAuth2ParameterNames.ISSUED_TOKEN_TYPE, ACCESS_TOKEN_TYPE)));
    } catch (OAuth2AuthenticationException refused) {
      throw refused(refused.getError());
    } finally {
      AuthorizationServerContextHolder.resetContext();
    }
  }

  private AuthorizationServerContext issuerContext() {
    return new AuthorizationServerContext() {
      @Override
      public String getIssuer() {
        return settings.getIssuer();
      }

      @Override
      public AuthorizationServerSettings getAuthorizationServerSettings() {
        return settings;
      }
    };
  }

  private static ApiException refused(OAuth2Error error) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        ProblemTypes.of(error.getErrorCode().replace('_', '-')),
        "Delegation refused",
        error.getDescription() == null ? error.getErrorCode() : error.getDescription());
  }
}
