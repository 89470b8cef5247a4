package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.oauth.OAuthClientRegistration;
import io.mcpmanager.oauth.OAuthClientRegistration.ClientAuthentication;
import io.mcpmanager.oauth.TokenResponse;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * This service's OAuth client at Google, one registration per integration type: the types differ in
 * scopes and in the callback URL ({@code /api/integrations/{type}/oauth/callback}). Token calls go
 * through the platform's {@code io.mcpmanager.oauth.OAuthTokenClient}; what Google does its own way
 * is here: token revocation and the lifetime assumed when an answer has no {@code expires_in}.
 */
public class GoogleOAuthClients {

  public static final String PROVIDER = "google";

  private static final Logger log = LoggerFactory.getLogger(GoogleOAuthClients.class);

  /** Google always sends expires_in; should it not, assume its usual hour. */
  private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  private static final Map<IntegrationType, List<String>> SCOPES =
      Map.of(
          IntegrationType.GMAIL,
              List.of("https://www.googleapis.com/auth/gmail.readonly", "openid", "email"),
          IntegrationType.CALENDAR,
              List.of("https://www.googleapis.com/auth/calendar.readonly", "openid", "email"));

  private final IntegrationProperties.Google google;
  private final IntegrationProperties.OAuth oauth;
  private final RestClient http;

  public GoogleOAuthClients(IntegrationProperties properties, RestClient http) {
    this.google = properties.google();
    this.oauth = properties.oauth();
    this.http = http;
  }

  public boolean handles(IntegrationType type) {
    return SCOPES.containsKey(type);
  }

  /** Whether this deployment has a Google client id and secret. */
  public boolean isConfigured() {
    return !blank(google.clientId()) && !blank(google.clientSecret());
  }

  public List<String> scopes(IntegrationType type) {
    List<String> scopes = SCOPES.get(type);
    if (scopes == null) {
      throw new IllegalArgumentException("no Google OAuth client for " + type.value());
    }
    return scopes;
  }

  public OAuthClientRegistration registration(IntegrationType type) {
    String base = oauth.callbackBaseUrl().replaceAll("/+$", "");
    return new OAuthClientRegistration(
        PROVIDER,
        URI.create(google.authorizationUri()),
        URI.create(google.tokenUri()),
        orEmpty(google.clientId()),
        orEmpty(google.clientSecret()),
        URI.create(base + "/api/integrations/" + type.value() + "/oauth/callback"),
        ClientAuthentication.POST);
  }

  /** When an access token from this answer expires. */
  public static Instant accessTokenExpiresAt(TokenResponse answer, Instant now) {
    return now.plus(answer.expiresIn() == null ? DEFAULT_LIFETIME : answer.expiresIn());
  }

  /** Scopes space-separated as Google sends them; null when the answer named none. */
  public static @Nullable String grantedScopes(TokenResponse answer) {
    return answer.scopes().isEmpty() ? null : String.join(" ", answer.scopes());
  }

  /** Revokes a token at Google; {@code false} when Google could not be reached. */
  public boolean revoke(String token) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("token", token);
    try {
      return http.post()
          .uri(google.revokeUri())
          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
          .body(form)
          .exchange(
              (request, response) -> {
                int status = response.getStatusCode().value();
                // 400 invalid_token: already revoked or expired, which is what we wanted.
                return status == 200 || status == 400;
              });
    } catch (RestClientException e) {
      log.info("google revocation endpoint unreachable: {}", e.getClass().getSimpleName());
      return false;
    }
  }

  private static boolean blank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  private static String orEmpty(@Nullable String value) {
    return value == null || value.isBlank() ? "" : value;
  }
}
