package io.mcpmanager.integration.oauth;

import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.oauth.OAuthClientRegistration;
import io.mcpmanager.oauth.OAuthClientRegistration.ClientAuthentication;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * This service's OAuth client at Google, one registration per integration type: the types differ in
 * scopes and in the callback URL ({@code /api/integrations/{type}/oauth/callback}).
 */
public class GoogleOAuthClients {

  static final String PROVIDER = "google";

  private static final Map<IntegrationType, List<String>> SCOPES = Map.of(
      IntegrationType.GMAIL, List.of("https://www.googleapis.com/auth/gmail.readonly", "openid", "email"),
      IntegrationType.CALENDAR, List.of("https://www.googleapis.com/auth/calendar.readonly", "openid", "email"));

  private final IntegrationProperties.Google google;
  private final IntegrationProperties.OAuth oauth;

  public GoogleOAuthClients(IntegrationProperties properties) {
    this.google = properties.google();
    this.oauth = properties.oauth();
  }

  public boolean handles(IntegrationType type) {
    return SCOPES.containsKey(type);
  }

  /** Whether this deployment has a Google client id and secret. */
  public boolean isConfigured() {
    return !blank(google.clientId()) && !blank(google.clientSecret());
  }

  public List<String> scopes(IntegrationType type) {
    return SCOPES.get(type);
  }

  public OAuthClientRegistration registration(IntegrationType type) {
    String base = oauth.callbackBaseUrl().replaceAll("/+$", "");
    return new OAuthClientRegistration(PROVIDER, URI.create(google.authorizationUri()), URI.create(google.tokenUri()),
        blank(google.clientId()) ? "" : google.clientId(), blank(google.clientSecret()) ? "" : google.clientSecret(),
        URI.create(base + "/api/integrations/" + type.value() + "/oauth/callback"), ClientAuthentication.POST);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
