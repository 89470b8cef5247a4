package io.mcpmanager.kit.security;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token validation ({@code mcpm.security.*}). Any OIDC provider can be the issuer.
 *
 * @param jwkSetUri defaults to the issuer's {@code /oauth2/jwks}
 * @param audience tokens must name it in {@code aud}; the platform's default is the service's own
 *     name ({@code spring.application.name}), blank switches the check off
 * @param publicPaths paths reachable without a token (for example an OAuth callback)
 * @param stepUpMaxAge how recent a second factor must be for a {@link RequiresRecentSecondFactor}
 *     operation ({@code mcpm.security.step-up-max-age}, 10 minutes)
 * @param apiScopeFamily when set (e.g. {@code integrations}), every other {@code /api/**} request
 *     needs the scope {@code <family>:read} for GET and HEAD and {@code <family>:write} for any
 *     other method
 */
@ConfigurationProperties("mcpm.security")
public record SecurityProperties(
    @DefaultValue("http://127.0.0.1:9000") String issuerUri,
    @Nullable String jwkSetUri,
    @Nullable String audience,
    @DefaultValue List<String> publicPaths,
    @DefaultValue("10m") Duration stepUpMaxAge,
    @Nullable String apiScopeFamily) {

  public boolean checksApiScopes() {
    return apiScopeFamily != null && !apiScopeFamily.isBlank();
  }

  public String effectiveJwkSetUri() {
    return jwkSetUri == null || jwkSetUri.isBlank() ? issuerUri + "/oauth2/jwks" : jwkSetUri;
  }
}
