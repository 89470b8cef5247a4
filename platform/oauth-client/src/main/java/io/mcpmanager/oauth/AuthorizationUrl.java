package io.mcpmanager.oauth;

import java.net.URI;
import java.util.Collection;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/** Builds the authorization request URL (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3). */
public final class AuthorizationUrl {

  private AuthorizationUrl() {}

  /**
   * @param scopeSeparator " " for most providers; GitHub accepts both spaces and commas
   * @param extra provider-specific parameters (for example {@code prompt} or {@code allow_signup})
   */
  public static URI build(
      OAuthClientRegistration client,
      Collection<String> scopes,
      String state,
      String codeChallenge,
      String scopeSeparator,
      Map<String, String> extra) {
    UriComponentsBuilder builder =
        UriComponentsBuilder.fromUri(client.authorizationUri())
            .queryParam("response_type", "code")
            .queryParam("client_id", client.clientId())
            .queryParam("redirect_uri", client.redirectUri().toString())
            .queryParam("state", state)
            .queryParam("code_challenge", codeChallenge)
            .queryParam("code_challenge_method", Pkce.METHOD);
    if (scopes != null && !scopes.isEmpty()) {
      builder.queryParam("scope", String.join(scopeSeparator, scopes));
    }
    extra.forEach(builder::queryParam);
    return builder.encode().build().toUri();
  }
}
