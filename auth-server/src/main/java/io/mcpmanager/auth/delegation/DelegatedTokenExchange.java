package io.mcpmanager.auth.delegation;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.mcpmanager.auth.token.HashedTokenAuthorizationService;
import io.mcpmanager.auth.user.ApiScopes;
import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RecentSecondFactor;
import io.mcpmanager.kit.security.ResourceServerConfiguration;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * RFC 8693 token exchange with this platform's rules in front of Spring Authorization Server's own
 * provider (which finds the subject token among the issued ones, refuses a revoked or expired one,
 * issues the token and stores it): the client must be one of {@code mcpm.auth.delegation.clients};
 * the subject must be a user's sign-in token, not a delegated token (no re-delegation, so no chain
 * can widen anything), a personal access token or a service token; a user with a second factor must
 * have used it within the step-up window, as for every sensitive operation; the scopes must be API
 * scopes the subject token carries; every audience must be allowed; the lifetime at most 60
 * minutes. Actor tokens are not accepted: the actor is the client. The issue and its event {@code
 * io.mcpmanager.delegation.created} commit together.
 */
@Component
public class DelegatedTokenExchange implements AuthenticationProvider {

  static final String ENTITY_TYPE = "delegation";
  private static final int MAX_USER_AGENT = 256;

  private final OAuth2TokenExchangeAuthenticationProvider issuer;
  private final JwtDecoder decoder;
  private final RecentSecondFactor stepUp;
  private final DelegationProperties properties;
  private final CredentialEvents events;

  DelegatedTokenExchange(
      OAuth2AuthorizationService authorizations,
      OAuth2TokenGenerator<?> tokens,
      JwtDecoder decoder,
      RecentSecondFactor stepUp,
      DelegationProperties properties,
      CredentialEvents events) {
    this.issuer = new OAuth2TokenExchangeAuthenticationProvider(authorizations, tokens);
    this.decoder = decoder;
    this.stepUp = stepUp;
    this.properties = properties;
    this.events = events;
  }

  /** For the token endpoint's configurer: this provider in place of the library's own. */
  public static Consumer<List<AuthenticationProvider>> replacingBuiltIn(
      DelegatedTokenExchange exchange) {
    return providers ->
        providers.replaceAll(
            provider ->
                provider instanceof OAuth2TokenExchangeAuthenticationProvider
                    ? exchange
                    : provider);
  }

  @Override
  @Transactional
  public Authentication authenticate(Authentication authentication) {
    OAuth2TokenExchangeAuthenticationToken grant =
        (OAuth2TokenExchangeAuthenticationToken) authentication;
    RegisteredClient client = exchangingClient(grant);
    if (grant.getActorToken() != null) {
      throw DelegationRequest.error(
          OAuth2ErrorCodes.INVALID_REQUEST,
          "actor_token is not accepted: the client exchanging the token is the actor");
    }
    Jwt subject = delegableSubject(grant.getSubjectToken());
    DelegationRequest request = DelegationRequest.of(grant, properties);
    CurrentUser user = CurrentUser.from(subject);
    List<String> notHeld =
        request.scopes().stream()
            .filter(scope -> !ApiScopes.isApiScope(scope) || !user.hasScope(scope))
            .toList();
    if (!notHeld.isEmpty()) {
      throw DelegationRequest.error(
          OAuth2ErrorCodes.INVALID_SCOPE,
          "A delegated token holds only API scopes of the token it comes from; not held: "
              + String.join(", ", notHeld));
    }
    List<String> refused =
        request.audiences().stream()
            .filter(audience -> !properties.allowsAudience(audience))
            .toList();
    if (!refused.isEmpty()) {
      throw DelegationRequest.error(
          DelegationRequest.INVALID_TARGET,
          "A delegated token cannot be issued for: " + String.join(", ", refused));
    }
    OAuth2AccessTokenAuthenticationToken issued =
        (OAuth2AccessTokenAuthenticationToken) issuer.authenticate(storedSubject(grant));
    record(subject, client, issued);
    return issued;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return OAuth2TokenExchangeAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /**
   * The library looks the subject up and then takes its token from the found authorization by
   * value; the store keeps only hashes, so it is given the stored value (the lookup hashes a value
   * only once).
   */
  private static OAuth2TokenExchangeAuthenticationToken storedSubject(
      OAuth2TokenExchangeAuthenticationToken grant) {
    return new OAuth2TokenExchangeAuthenticationToken(
        grant.getRequestedTokenType(),
        HashedTokenAuthorizationService.hash(grant.getSubjectToken()),
        grant.getSubjectTokenType(),
        (Authentication) grant.getPrincipal(),
        null,
        null,
        grant.getResources(),
        grant.getAudiences(),
        grant.getScopes(),
        grant.getAdditionalParameters());
  }

  private RegisteredClient exchangingClient(OAuth2TokenExchangeAuthenticationToken grant) {
    RegisteredClient client =
        grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken authenticated
                && authenticated.isAuthenticated()
            ? authenticated.getRegisteredClient()
            : null;
    if (client == null) {
      throw DelegationRequest.error(OAuth2ErrorCodes.INVALID_CLIENT, "Unknown client");
    }
    if (!properties.clients().contains(client.getClientId())) {
      throw DelegationRequest.error(
          OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "This client may not exchange tokens");
    }
    return client;
  }

  private Jwt delegableSubject(String token) {
    Jwt subject;
    try {
      subject = decoder.decode(token);
    } catch (JwtException invalid) {
      throw DelegationRequest.error(
          OAuth2ErrorCodes.INVALID_GRANT, "The subject token is not a valid access token");
    }
    if (subject.hasClaim(DelegatedTokens.ACT)) {
      throw DelegationRequest.error(
          OAuth2ErrorCodes.INVALID_GRANT, "A delegated token cannot be delegated again");
    }
    if (subject.hasClaim(ResourceServerConfiguration.PAT_ID_CLAIM)
        || CurrentUser.from(subject).isService()) {
      throw DelegationRequest.error(
          OAuth2ErrorCodes.INVALID_GRANT, "Only a user's sign-in token can be delegated");
    }
    stepUp
        .refusal(subject)
        .ifPresent(
            reason -> {
              throw DelegationRequest.error(OAuth2ErrorCodes.INVALID_GRANT, reason);
            });
    return subject;
  }

  /** The event names the delegation by the token's {@code jti}; the token itself is never in it. */
  private void record(
      Jwt subject, RegisteredClient client, OAuth2AccessTokenAuthenticationToken issued) {
    // Our own token, just signed: read, not validated (its audience is not this server's).
    JWTClaimsSet delegated;
    try {
      delegated = JWTParser.parse(issued.getAccessToken().getTokenValue()).getJWTClaimsSet();
    } catch (ParseException e) {
      throw new IllegalStateException("the issued delegated token is not a JWT", e);
    }
    HttpServletRequest request =
        RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
            ? attributes.getRequest()
            : null;
    events.record(
        EventTypes.DELEGATION_CREATED,
        Actor.user(
            subject.getSubject(),
            request == null ? null : request.getRemoteAddr(),
            request == null ? null : truncate(request.getHeader("User-Agent"))),
        new CredentialEvents.Subject(subject.getSubject(), ENTITY_TYPE, delegated.getJWTID()),
        "create",
        Outcome.SUCCESS,
        Map.of(
            "scopes", new Change(null, scopes(delegated)),
            "audience", new Change(null, delegated.getAudience()),
            "actor", new Change(null, client.getClientId()),
            "expires_at",
                new Change(null, String.valueOf(delegated.getExpirationTime().toInstant()))));
  }

  private static Object scopes(JWTClaimsSet claims) {
    try {
      return claims.getStringListClaim("scope");
    } catch (ParseException e) {
      return claims.getClaim("scope");
    }
  }

  private static @Nullable String truncate(@Nullable String value) {
    return value == null || value.length() <= MAX_USER_AGENT
        ? value
        : value.substring(0, MAX_USER_AGENT);
  }
}
