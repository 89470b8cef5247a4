package io.mcpmanager.kit.assertion;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Caller assertions ({@code mcpm.assertion.*}).
 *
 * @param signingKey this service's Transit key for assertions it sends (e.g. {@code
 *     mcp-server-service-assertions}); unset: it signs none
 * @param lifetime how long an assertion it signs lives (30 s)
 * @param trustedIssuer the service whose assertions this one accepts (e.g. {@code
 *     mcp-server-service}); with {@code trustedKey} set, this service verifies assertions
 * @param trustedKey that service's Transit key, which this service may only verify with
 * @param maxLifetime an assertion living longer is refused (60 s)
 * @param clockSkew tolerated between the caller's and this service's clocks (10 s)
 * @param purgeInterval how often ids of expired assertions are forgotten (10 min)
 */
@ConfigurationProperties("mcpm.assertion")
public record CallerAssertionProperties(
    @Nullable String signingKey,
    @DefaultValue("30s") Duration lifetime,
    @Nullable String trustedIssuer,
    @Nullable String trustedKey,
    @DefaultValue("60s") Duration maxLifetime,
    @DefaultValue("10s") Duration clockSkew,
    @DefaultValue("10m") Duration purgeInterval) {}
