package io.mcpmanager.integration.oauth;

import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.oauth.OAuthErrorException;
import io.mcpmanager.oauth.OAuthUnavailableException;
import io.mcpmanager.oauth.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Google's token endpoint ({@code grant_type=refresh_token}, through the shared platform token
 * client) and revocation endpoint, for gmail and calendar.
 */
public class GoogleTokenClient implements OAuthTokenClient {

  private static final Logger log = LoggerFactory.getLogger(GoogleTokenClient.class);
  /** Google always sends expires_in; should it not, assume its usual hour. */
  private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  private final io.mcpmanager.oauth.OAuthTokenClient tokens;
  private final GoogleOAuthClients clients;
  private final RestClient http;
  private final String revokeUri;
  private final Clock clock;

  public GoogleTokenClient(io.mcpmanager.oauth.OAuthTokenClient tokens, GoogleOAuthClients clients, RestClient http,
      String revokeUri, Clock clock) {
    this.tokens = tokens;
    this.clients = clients;
    this.http = http;
    this.revokeUri = revokeUri;
    this.clock = clock;
  }

  @Override
  public boolean handles(IntegrationType type) {
    return clients.handles(type);
  }

  @Override
  public OAuthTokens refresh(String refreshToken) {
    try {
      // Refresh sends no redirect_uri: either type's registration does.
      return toTokens(tokens.refresh(clients.registration(IntegrationType.GMAIL), refreshToken), clock.instant());
    } catch (io.mcpmanager.oauth.InvalidGrantException e) {
      throw new InvalidGrantException();
    } catch (OAuthUnavailableException | OAuthErrorException e) {
      // invalid_client and friends are configuration faults, not a dead grant: keep the credential, retry.
      log.info("google token endpoint gave no token: {}", e.getMessage());
      throw new TokenEndpointUnavailableException(e.getMessage());
    }
  }

  /** A token answer in this service's terms; scopes space-separated as Google sends them. */
  static OAuthTokens toTokens(TokenResponse answer, Instant now) {
    Duration lifetime = answer.expiresIn() == null ? DEFAULT_LIFETIME : answer.expiresIn();
    return new OAuthTokens(answer.accessToken(), answer.refreshToken(), now.plus(lifetime),
        answer.scopes().isEmpty() ? null : String.join(" ", answer.scopes()));
  }

  @Override
  public boolean revoke(String token) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("token", token);
    try {
      return http.post().uri(revokeUri).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
          .exchange((request, response) -> {
            int status = response.getStatusCode().value();
            // 400 invalid_token: already revoked or expired, which is what we wanted.
            return status == 200 || status == 400;
          });
    } catch (RestClientException e) {
      log.info("google revocation endpoint unreachable: {}", e.getClass().getSimpleName());
      return false;
    }
  }
}
