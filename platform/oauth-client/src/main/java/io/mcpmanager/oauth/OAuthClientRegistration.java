package io.mcpmanager.oauth;

import java.net.URI;

/**
 * One OAuth client at one provider: where to send the user, where to exchange codes, and how the
 * client authenticates at the token endpoint. The secret never appears in {@link #toString()}.
 */
public record OAuthClientRegistration(
    String provider,
    URI authorizationUri,
    URI tokenUri,
    String clientId,
    String clientSecret,
    URI redirectUri,
    ClientAuthentication clientAuthentication) {

  /** How the client proves itself at the token endpoint (RFC 6749 §2.3.1). */
  public enum ClientAuthentication {
    /** HTTP Basic with the URL-encoded id and secret. */
    BASIC,
    /** {@code client_id} and {@code client_secret} in the form body. */
    POST
  }

  @Override
  public String toString() {
    return "OAuthClientRegistration[provider="
        + provider
        + ", clientId="
        + clientId
        + ", tokenUri="
        + tokenUri
        + "]";
  }
}
