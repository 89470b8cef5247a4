package io.mcpmanager.gateway.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Who the gateway trusts to issue access tokens.
 *
 * @param issuerUri the issuer; every token's {@code iss} must equal it, and unless {@code
 *     jwkSetUri} is set its keys are found through OpenID discovery
 * @param jwkSetUri optional JWKS location, skipping discovery
 * @param audiences when not empty, a token must name one of them in {@code aud}
 * @param verifiedTokens how many verified tokens are remembered, and for how long at most
 */
@Validated
@ConfigurationProperties("mcpm.gateway.security")
public record SecurityProperties(
    @NotNull URI issuerUri,
    @Nullable String jwkSetUri,
    @DefaultValue List<String> audiences,
    @Valid @DefaultValue VerifiedTokens verifiedTokens) {

  /**
   * @param maxEntries 0 checks every token's signature on every request
   * @param maxAge a token is verified again after this, even if it is still valid
   */
  public record VerifiedTokens(
      @DefaultValue("10000") @PositiveOrZero long maxEntries,
      @DefaultValue("5m") @NotNull Duration maxAge) {}

  public SecurityProperties {
    audiences =
        audiences == null
            ? List.of()
            : audiences.stream().filter(StringUtils::hasText).map(String::trim).toList();
  }

  boolean hasJwkSetUri() {
    return StringUtils.hasText(jwkSetUri);
  }
}
