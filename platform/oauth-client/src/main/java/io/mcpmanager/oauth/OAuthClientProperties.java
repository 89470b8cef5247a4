package io.mcpmanager.oauth;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mcpm.oauth.*}. The state key comes from the environment ({@code MCPM_OAUTH_STATE_KEY}) or
 * Vault, never from a file of the repository.
 */
@ConfigurationProperties("mcpm.oauth")
public record OAuthClientProperties(
    @Nullable String stateKey,
    @DefaultValue("10m") Duration stateTtl,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("10s") Duration readTimeout) {}
