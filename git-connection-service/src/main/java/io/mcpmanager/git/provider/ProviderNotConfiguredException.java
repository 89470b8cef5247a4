package io.mcpmanager.git.provider;

import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.error.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The provider exists but this deployment has no OAuth client for it. */
public class ProviderNotConfiguredException extends ApiException {

  private ProviderNotConfiguredException(String provider) {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        ProblemTypes.of("git-provider-not-configured"),
        "Provider not configured",
        provider + " has no OAuth client configured in this deployment");
  }

  public static ProviderNotConfiguredException of(String provider) {
    return new ProviderNotConfiguredException(provider);
  }
}
