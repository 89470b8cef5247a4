package io.mcpmanager.auth.token;

import io.mcpmanager.auth.client.ServiceAudiences;
import io.mcpmanager.auth.mfa.AuthenticationFactors;
import io.mcpmanager.auth.mfa.SecondFactors;
import io.mcpmanager.auth.session.SessionService;
import io.mcpmanager.auth.user.ApiScopes;
import io.mcpmanager.auth.user.Role;
import io.mcpmanager.auth.user.UserDirectory;
import io.mcpmanager.auth.user.UserSummary;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The claims of tokens issued to people: {@code sub} is the user id (a UUID, stable when the
 * username changes), {@code preferred_username} the username and {@code roles} the roles, read from
 * the database at every issue, so a refresh reflects role changes and a disabled account cannot
 * refresh; {@code scope} adds the API scopes the user holds. Client-credentials tokens keep {@code
 * sub} = client id and carry no roles: that is how services tell a service from a person.
 */
@Component
public class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  private static final Set<AuthorizationGrantType> PERSONAL_GRANTS =
      Set.of(
          AuthorizationGrantType.AUTHORIZATION_CODE,
          AuthorizationGrantType.REFRESH_TOKEN,
          AuthorizationGrantType.DEVICE_CODE);

  private final UserDirectory users;
  private final SecondFactors secondFactors;

  public TokenClaims(UserDirectory users, SecondFactors secondFactors) {
    this.users = users;
    this.secondFactors = secondFactors;
  }

  @Override
  @Transactional(readOnly = true)
  public void customize(JwtEncodingContext context) {
    audience(context);
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      return;
    }
    UserSummary user =
        users
            .find(context.getPrincipal().getName())
            .filter(UserSummary::enabled)
            .orElseThrow(
                () ->
                    new OAuth2AuthenticationException(
                        new OAuth2Error(
                            OAuth2ErrorCodes.INVALID_GRANT, "The account is not active", null)));
    context.getClaims().subject(user.id().toString()).claim("preferred_username", user.username());
    authenticationClaims(context, user);
    if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      // A mutable list: the claims are stored with the authorization, and the store's JSON
      // allow-list knows ArrayList but not the JDK's immutable list classes.
      List<String> roles = new ArrayList<>(user.roles().stream().map(Role::name).sorted().toList());
      context.getClaims().claim("roles", roles);
      addApiScopes(context, user);
      sessionClaim(context);
    } else if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
      throw new IllegalStateException("unexpected JWT type " + context.getTokenType().getValue());
    }
  }

  /**
   * {@code aud} of access tokens (see {@link Audiences}): a person's names the user-facing API and
   * its services, a service's only the callee it asked for. ID tokens keep their client as
   * audience, as OIDC requires; other grants (token exchange) set their own.
   */
  private static void audience(JwtEncodingContext context) {
    if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
      return;
    }
    AuthorizationGrantType grant = context.getAuthorizationGrantType();
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(grant)) {
      Object resource =
          context
              .<OAuth2AuthorizationGrantAuthenticationToken>getAuthorizationGrant()
              .getAdditionalParameters()
              .get(ServiceAudiences.RESOURCE);
      context
          .getClaims()
          .audience(
              ServiceAudiences.forRequest(context.getRegisteredClient().getClientId(), resource));
    } else if (PERSONAL_GRANTS.contains(grant)) {
      context.getClaims().audience(Audiences.ofPersonalTokens());
    }
  }

  /**
   * How the user signed in, for step-up (RFC 9470): {@code auth_time} (epoch seconds of the last
   * factor), {@code amr} (RFC 8176: {@code pwd}, {@code otp}, {@code mfa}), {@code acr} and {@code
   * mfa_enrolled}, so services know whether to ask this user for a recent second factor. A refresh
   * keeps the sign-in's values: the factors are those of the stored authorization's principal.
   */
  private void authenticationClaims(JwtEncodingContext context, UserSummary user) {
    Authentication principal = context.getPrincipal();
    AuthenticationFactors.authTime(principal)
        // A Date, like Spring's own auth_time: written as epoch seconds, and a type the
        // authorization store may read back.
        .ifPresent(time -> context.getClaims().claim("auth_time", Date.from(time)));
    context
        .getClaims()
        .claim("amr", new ArrayList<>(AuthenticationFactors.amr(principal)))
        .claim("acr", AuthenticationFactors.acr(principal))
        .claim("mfa_enrolled", secondFactors.isEnrolled(user.id()));
  }

  /**
   * {@code sid} of access tokens: the session (the authorization, one refresh-token family) the
   * token belongs to, so the gateway can refuse every token of a revoked session. ID tokens keep
   * the {@code sid} OpenID Connect gives them (this server's browser session, which RP-initiated
   * logout checks).
   */
  private static void sessionClaim(JwtEncodingContext context) {
    OAuth2Authorization authorization = context.getAuthorization();
    if (authorization != null) {
      context.getClaims().claim(SessionService.SID, authorization.getId());
    }
  }

  /**
   * A sign-in token may do everything its user may: the API scopes the user holds join the granted
   * ones (services check {@code <family>:read|write} on every route). A personal access token,
   * minted elsewhere, carries only its own scopes; a client-credentials token none of these.
   */
  private static void addApiScopes(JwtEncodingContext context, UserSummary user) {
    Set<String> scopes = new TreeSet<>(context.getAuthorizedScopes());
    scopes.addAll(ApiScopes.heldBy(user.roles()));
    context.getClaims().claim(OAuth2ParameterNames.SCOPE, new ArrayList<>(scopes));
  }
}
