package io.mcpmanager.integration.provider;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Google: {@code POST /oauth2/v3/tokeninfo} (form {@code access_token}) describes an access token;
 * an invalid one gets 400 {@code invalid_token}. The granted scopes must include the type's API.
 */
abstract class GoogleTokenValidator implements ProviderValidator {

  /** Scope prefixes of which at least one must have been granted. */
  abstract List<String> requiredScopePrefixes();

  @Override
  public ProviderRequest request(String baseUrl, String secret, Map<String, String> meta) {
    return ProviderRequest.postForm(
        baseUrl, "/oauth2/v3/tokeninfo", Map.of("access_token", secret));
  }

  @Override
  public ValidationResult onSuccess(@Nullable JsonNode body) {
    String scope = body == null || body.get("scope") == null ? "" : body.get("scope").asString();
    boolean granted =
        Arrays.stream(scope.split(" "))
            .anyMatch(s -> requiredScopePrefixes().stream().anyMatch(s::startsWith));
    return granted
        ? ValidationResult.valid()
        : ValidationResult.rejected(ValidationResult.Problem.INSUFFICIENT_SCOPE);
  }

  @Override
  public ValidationResult onClientError(int status, @Nullable JsonNode body) {
    return ValidationResult.rejected(ValidationResult.Problem.INVALID_CREDENTIALS);
  }
}
