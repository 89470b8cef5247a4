package io.mcpmanager.gateway.request;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway accepts from callers.
 *
 * @param maxBodySize the largest request body relayed to a service; larger ones get 413
 * @param trustedProxies CIDRs of proxies (for example a TLS-terminating ingress) whose {@code
 *     X-Forwarded-For}/{@code -Proto} name the client; empty trusts none, so the gateway is the
 *     edge
 */
@Validated
@ConfigurationProperties("mcpm.gateway.request")
public record RequestProperties(
    @NotNull @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue List<String> trustedProxies) {}
