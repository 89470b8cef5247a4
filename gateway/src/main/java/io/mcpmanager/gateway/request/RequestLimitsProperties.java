package io.mcpmanager.gateway.request;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on what a caller may send through the gateway.
 *
 * @param maxBodySize the largest request body relayed to a service; larger ones get 413
 */
@Validated
@ConfigurationProperties("mcpm.gateway.request")
public record RequestLimitsProperties(@NotNull @DefaultValue("1MB") DataSize maxBodySize) {
}
