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
import io.mcpmanager.oauth.BrowserBinding;
import io.mcpmanager.oauth.InvalidStateException;
import io.mcpmanager.oauth.OAuthException;
import io.mcpmanager.oauth.OAuthStates;
import io.mcpmanager.oauth.OAuthTokenClient;
import io.mcpmanager.oauth.TokenResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
  static final String BROWSER_MISMATCH = "browser_mismatch";

  /** A started connect: the answer, and the state the starting browser is bound to. */
  public record StartedConnect(StartOAuthResponse response, String state, Duration lifetime) {
    @Override
    public String toString() {
      return "StartedConnect[provider=" + response.provider() + "]";
    }
  }

  private final GitProviders providers;
  private final OAuthStates states;
  private final OAuthTokenClient tokenClient;
  private final GitConnectionService connections;
  private final GitProperties.OAuth properties;
  private final Clock clock;

  public GitOAuthService(
      GitProviders providers,
      OAuthStates states,
      OAuthTokenClient tokenClient,
      GitConnectionService connections,
      GitProperties properties,
      Clock clock) {
    this.clock = clock;
    this.providers = providers;
    this.states = states;
    this.tokenClient = tokenClient;
    this.connections = connections;
    this.properties = properties.oauth();
  }

  public StartedConnect start(
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
    return new StartedConnect(
        new StartOAuthResponse(providerId, url.toString(), scopes, state.expiresAt()),
        state.state(),
        Duration.between(clock.instant(), state.expiresAt()));
  }

  /**
   * Where to send the browser after the provider's redirect: the frontend, with the outcome. The
   * account is linked only when {@code binding} (the browser's cookie) shows this is the browser
   * that started the connect.
   */
  public URI callback(
      String providerId,
      @Nullable String code,
      @Nullable String state,
      @Nullable String error,
      @Nullable String binding,
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
    if (!BrowserBinding.holds(binding, state)) {
      log.warn("OAuth callback for {} arrived in a browser that did not start it", providerId);
      return failed(actor, consumed, back, providerId, BROWSER_MISMATCH);
    }
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
        .queryParamIfPresent("account", Optional.ofNullable(accountName(profile)))
        .build()
        .encode()
        .toUri();
  }

  /** The provider account the browser just linked, for the console to show. */
  private static @Nullable String accountName(GitProfile profile) {
    return profile.username() != null ? profile.username() : profile.email();
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
