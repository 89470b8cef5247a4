package io.mcpmanager.gateway.request;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway accepts from callers.
 *
 * @param maxBodySize the largest request body relayed to a service; larger ones get 413
 * @param trustedProxies a regular expression of proxy addresses (for example a TLS-terminating
 *     ingress) whose {@code X-Forwarded-*} headers are kept; empty trusts none, so the gateway is
 *     the edge
 */
@Validated
@ConfigurationProperties("mcpm.gateway.request")
public record RequestProperties(
    @NotNull @DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("") String trustedProxies) {}
