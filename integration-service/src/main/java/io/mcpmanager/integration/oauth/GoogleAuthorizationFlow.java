package io.mcpmanager.integration.oauth;

import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.provider.GoogleOAuthClients;
import io.mcpmanager.oauth.AuthorizationUrl;
import io.mcpmanager.oauth.OAuthClientRegistration;
import io.mcpmanager.oauth.OAuthStates;
import io.mcpmanager.oauth.OAuthTokenClient;
import io.mcpmanager.oauth.TokenResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Google's authorization code flow for gmail and calendar. {@code access_type=offline} and {@code
 * prompt=consent} make Google issue a refresh token on every connect, also a reconnect. The state
 * is bound to the user and to the integration type (its "provider"), so a gmail state is useless at
 * the calendar callback.
 */
public class GoogleAuthorizationFlow implements AuthorizationFlow {

  private static final Map<String, String> OFFLINE =
      Map.of("access_type", "offline", "prompt", "consent");

  private final GoogleOAuthClients clients;
  private final OAuthStates states;
  private final OAuthTokenClient tokens;

  public GoogleAuthorizationFlow(
      GoogleOAuthClients clients, OAuthStates states, OAuthTokenClient tokens) {
    this.clients = clients;
    this.states = states;
    this.tokens = tokens;
  }

  @Override
  public boolean handles(IntegrationType type) {
    return clients.handles(type);
  }

  @Override
  public StartedAuthorization start(
      String ownerId, IntegrationType type, @Nullable String returnUrl) {
    if (!clients.isConfigured()) {
      throw OAuthNotConfiguredException.of(GoogleOAuthClients.PROVIDER);
    }
    OAuthClientRegistration registration = clients.registration(type);
    OAuthStates.IssuedState state =
        states.issue(
            ownerId,
            type.value(),
            registration.redirectUri().toString(),
            returnUrl,
            clients.scopes(type));
    return new StartedAuthorization(
        AuthorizationUrl.build(
            registration, clients.scopes(type), state.state(), state.codeChallenge(), " ", OFFLINE),
        state.state(),
        state.expiresAt());
  }

  @Override
  public PendingAuthorization consume(IntegrationType type, @Nullable String state) {
    OAuthStates.ConsumedState consumed = states.consume(type.value(), state);
    return new PendingAuthorization(
        consumed.userId(), type, consumed.returnUrl(), consumed.codeVerifier());
  }

  @Override
  public TokenResponse exchange(PendingAuthorization pending, String code) {
    return tokens.exchange(clients.registration(pending.type()), code, pending.codeVerifier());
  }
}
