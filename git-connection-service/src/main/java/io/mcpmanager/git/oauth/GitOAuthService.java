package io.mcpmanager.git.oauth;

import io.mcpmanager.events.Actor;
import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.git.connection.GitConnectionService;
import io.mcpmanager.git.provider.GitProfile;
import io.mcpmanager.git.provider.GitProvider;
import io.mcpmanager.git.provider.GitProviders;
import io.mcpmanager.git.provider.ProviderCallException;
import io.mcpmanager.git.provider.ProviderNotConfiguredException;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.oauth.AuthorizationUrl;
import io.mcpmanager.oauth.InvalidStateException;
import io.mcpmanager.oauth.OAuthException;
import io.mcpmanager.oauth.OAuthStates;
import io.mcpmanager.oauth.OAuthTokenClient;
import io.mcpmanager.oauth.TokenResponse;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriComponentsBuilder;

/** Authorization code flow with PKCE and a signed single-use state, for any {@link GitProvider}. */
@Service
public class GitOAuthService {

  private static final Logger log = LoggerFactory.getLogger(GitOAuthService.class);

  /** Error codes the frontend understands. */
  static final String ACCESS_DENIED = "access_denied";

  static final String INVALID_STATE = "invalid_state";
  static final String EXCHANGE_FAILED = "exchange_failed";

  private final GitProviders providers;
  private final OAuthStates states;
  private final OAuthTokenClient tokenClient;
  private final GitConnectionService connections;
  private final GitProperties.OAuth properties;

  public GitOAuthService(
      GitProviders providers,
      OAuthStates states,
      OAuthTokenClient tokenClient,
      GitConnectionService connections,
      GitProperties properties) {
    this.providers = providers;
    this.states = states;
    this.tokenClient = tokenClient;
    this.connections = connections;
    this.properties = properties.oauth();
  }

  public StartOAuthResponse start(
      CurrentUser user, String providerId, @Nullable StartOAuthRequest request) {
    GitProvider provider = providers.get(providerId);
    if (!provider.isConfigured()) {
      throw ProviderNotConfiguredException.of(providerId);
    }
    String returnUrl = request == null ? null : request.returnUrl();
    if (returnUrl != null && !properties.isAllowedReturnUrl(returnUrl)) {
      throw InvalidReturnUrlException.notAllowed();
    }
    List<String> scopes =
        request == null || request.scopes() == null || request.scopes().isEmpty()
            ? provider.defaultScopes()
            : request.scopes();
    var registration = provider.registration();
    OAuthStates.IssuedState state =
        states.issue(
            user.id(), providerId, registration.redirectUri().toString(), returnUrl, scopes);
    URI url =
        AuthorizationUrl.build(
            registration,
            scopes,
            state.state(),
            state.codeChallenge(),
            provider.scopeSeparator(),
            provider.authorizeParameters());
    return new StartOAuthResponse(providerId, url.toString(), scopes, state.expiresAt());
  }

  /** Where to send the browser after the provider's redirect: the frontend, with the outcome. */
  public URI callback(
      String providerId,
      @Nullable String code,
      @Nullable String state,
      @Nullable String error,
      String ip,
      @Nullable String userAgent) {
    GitProvider provider = providers.get(providerId);
    OAuthStates.ConsumedState consumed;
    try {
      consumed = states.consume(providerId, state);
    } catch (InvalidStateException e) {
      log.warn("rejected OAuth callback for {}: {}", providerId, e.reason());
      return failure(properties.frontendUrl(), providerId, INVALID_STATE);
    }
    String back = consumed.returnUrl() != null ? consumed.returnUrl() : properties.frontendUrl();
    Actor actor = Actor.user(consumed.userId(), ip, userAgent);
    if (error != null) {
      return failed(
          actor,
          consumed,
          back,
          providerId,
          ACCESS_DENIED.equals(error) ? ACCESS_DENIED : EXCHANGE_FAILED);
    }
    if (code == null || code.isBlank()) {
      return failed(actor, consumed, back, providerId, EXCHANGE_FAILED);
    }
    TokenResponse tokens;
    GitProfile profile;
    try {
      tokens = tokenClient.exchange(provider.registration(), code, consumed.codeVerifier());
      profile = provider.fetchProfile(tokens.accessToken());
    } catch (OAuthException | ProviderCallException e) {
      log.warn("OAuth code exchange with {} failed: {}", providerId, e.getMessage());
      return failed(actor, consumed, back, providerId, EXCHANGE_FAILED);
    }
    UUID connectionId = connections.store(actor, consumed.userId(), providerId, profile, tokens);
    return UriComponentsBuilder.fromUriString(back)
        .queryParam("provider", providerId)
        .queryParam("status", "success")
        .queryParam("connection_id", connectionId)
        .build()
        .encode()
        .toUri();
  }

  /** A failure after a valid state names the user: it goes on their audit trail. */
  private URI failed(
      Actor actor, OAuthStates.ConsumedState consumed, String back, String provider, String error) {
    connections.recordFailedConnect(actor, consumed.userId(), provider, error);
    return failure(back, provider, error);
  }

  private static URI failure(String back, String provider, String error) {
    return UriComponentsBuilder.fromUriString(back)
        .queryParam("provider", provider)
        .queryParam("status", "error")
        .queryParam("error", error)
        .build()
        .encode()
        .toUri();
  }
}
