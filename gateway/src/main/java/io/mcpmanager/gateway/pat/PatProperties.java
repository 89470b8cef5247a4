package io.mcpmanager.gateway.pat;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Personal access tokens at the gateway ({@code mcpm.gateway.pat.*}).
 *
 * @param authServer where auth-server's internal endpoints are, by Eureka service id
 * @param clientId the gateway's client at auth-server (client credentials, scope {@code
 *     pats.resolve})
 * @param clientSecret its secret ({@code MCPM_CLIENT_SECRET}); without one, personal access tokens
 *     are refused with 503
 * @param tokenUri auth-server's token endpoint; the issuer's {@code /oauth2/token} when absent
 * @param cacheTtl how long a resolution is reused: a revoked token keeps working at most this long
 * @param usageFlushInterval how often the uses seen are reported to auth-server
 * @param maxInvalidPerAddress unknown (but well-formed) tokens one client address may send per
 *     {@code invalidWindow} before it gets 429 without further lookups
 */
@Validated
@ConfigurationProperties("mcpm.gateway.pat")
public record PatProperties(
    @DefaultValue("http://auth-server") @NotNull URI authServer,
    @DefaultValue("gateway") @NotBlank String clientId,
    @Nullable String clientSecret,
    @Nullable URI tokenUri,
    @DefaultValue("5s") @DurationMin(millis = 100) @DurationMax(seconds = 5) Duration cacheTtl,
    @DefaultValue("10000") @Positive long cacheMaxEntries,
    @DefaultValue("5s") @DurationMin(millis = 100) Duration usageFlushInterval,
    @DefaultValue("3s") @NotNull Duration timeout,
    @DefaultValue("20") @Positive int maxInvalidPerAddress,
    @DefaultValue("1m") @DurationMin(seconds = 1) Duration invalidWindow) {

  boolean hasClientSecret() {
    return clientSecret != null && !clientSecret.isBlank();
  }
}
