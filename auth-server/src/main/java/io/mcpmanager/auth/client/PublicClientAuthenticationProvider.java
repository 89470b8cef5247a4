package io.mcpmanager.auth.client;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Accepts a public client named by {@link PublicClientAuthenticationConverter} when the client is
 * registered as public ({@code none}); a confidential client must still present its secret. What
 * protects these grants is the grant itself: a single-use refresh token, a device code the user
 * approved, or (token exchange) the user's own access token.
 */
public class PublicClientAuthenticationProvider implements AuthenticationProvider {

  private final RegisteredClientRepository clients;

  public PublicClientAuthenticationProvider(RegisteredClientRepository clients) {
    this.clients = clients;
  }

  @Override
  public @Nullable Authentication authenticate(Authentication authentication) {
    OAuth2ClientAuthenticationToken token = (OAuth2ClientAuthenticationToken) authentication;
    if (!ClientAuthenticationMethod.NONE.equals(token.getClientAuthenticationMethod())
        || !token
            .getAdditionalParameters()
            .containsKey(PublicClientAuthenticationConverter.MARKER)) {
      return null;
    }
    RegisteredClient client = clients.findByClientId(String.valueOf(token.getPrincipal()));
    if (client == null
        || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)) {
      throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
    }
    return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
