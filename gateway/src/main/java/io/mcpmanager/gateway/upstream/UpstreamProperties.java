package io.mcpmanager.gateway.upstream;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway answers when a service cannot be reached.
 *
 * @param retryAfter the {@code Retry-After} sent with a 503 (no instance, connection refused,
 *     circuit open)
 */
@Validated
@ConfigurationProperties("mcpm.gateway.upstream")
public record UpstreamProperties(@NotNull @DefaultValue("5s") Duration retryAfter) {}
