package io.mcpmanager.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser origins allowed to call the API.
 *
 * @param allowedOrigins exact origins (scheme, host and port), e.g. {@code https://app.example.com}
 * @param maxAge how long a browser may cache a preflight answer
 */
@ConfigurationProperties("mcpm.gateway.cors")
public record CorsProperties(
    @DefaultValue("http://localhost:5173") List<String> allowedOrigins,
    @DefaultValue("1h") Duration maxAge) {}
