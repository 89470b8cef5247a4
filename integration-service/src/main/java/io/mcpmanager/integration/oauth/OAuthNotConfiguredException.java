package io.mcpmanager.integration.oauth;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The deployment has no OAuth client (id and secret) at the provider. */
public class OAuthNotConfiguredException extends ApiException {

  private OAuthNotConfiguredException(String provider) {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        ProblemTypes.of("oauth-not-configured"),
        "OAuth not configured",
        provider + " has no OAuth client configured in this deployment");
  }

  public static OAuthNotConfiguredException of(String provider) {
    return new OAuthNotConfiguredException(provider);
  }
}
