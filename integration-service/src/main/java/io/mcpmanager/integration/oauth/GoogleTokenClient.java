package io.mcpmanager.integration.oauth;

import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.config.IntegrationProperties;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Google's token endpoint ({@code grant_type=refresh_token}) and revocation endpoint, for gmail and
 * calendar. Errors are read from the documented {@code {"error": "invalid_grant", ...}} body.
 */
public class GoogleTokenClient implements OAuthTokenClient {

  private static final Logger log = LoggerFactory.getLogger(GoogleTokenClient.class);
  private static final Set<IntegrationType> TYPES = Set.of(IntegrationType.GMAIL, IntegrationType.CALENDAR);

  private final RestClient http;
  private final IntegrationProperties.Google google;
  private final JsonMapper json;
  private final Clock clock;

  public GoogleTokenClient(RestClient http, IntegrationProperties.Google google, JsonMapper json, Clock clock) {
    this.http = http;
    this.google = google;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public boolean handles(IntegrationType type) {
    return TYPES.contains(type);
  }

  @Override
  public OAuthTokens refresh(String refreshToken) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "refresh_token");
    form.add("refresh_token", refreshToken);
    form.add("client_id", google.clientId() == null ? "" : google.clientId());
    form.add("client_secret", google.clientSecret() == null ? "" : google.clientSecret());
    try {
      return http.post().uri(google.tokenUri()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .accept(MediaType.APPLICATION_JSON).body(form)
          .exchange((request, response) -> {
            int status = response.getStatusCode().value();
            JsonNode body = read(response.getBody().readAllBytes());
            if (status == 200 && body != null && body.hasNonNull("access_token")) {
              long expiresIn = body.hasNonNull("expires_in") ? body.get("expires_in").asLong() : 3600;
              return new OAuthTokens(body.get("access_token").asString(),
                  body.hasNonNull("refresh_token") ? body.get("refresh_token").asString() : null,
                  clock.instant().plusSeconds(expiresIn),
                  body.hasNonNull("scope") ? body.get("scope").asString() : null);
            }
            String error = body != null && body.hasNonNull("error") ? body.get("error").asString() : "";
            if (status == 400 && "invalid_grant".equals(error)) {
              throw new InvalidGrantException();
            }
            throw new TokenEndpointUnavailableException("token endpoint answered " + status + " " + error);
          });
    } catch (RestClientException e) {
      log.info("google token endpoint unreachable: {}", e.getClass().getSimpleName());
      throw new TokenEndpointUnavailableException("token endpoint unreachable");
    }
  }

  @Override
  public boolean revoke(String token) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("token", token);
    try {
      return http.post().uri(google.revokeUri()).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
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

  private JsonNode read(byte[] body) {
    try {
      return body.length == 0 ? null : json.readTree(body);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
