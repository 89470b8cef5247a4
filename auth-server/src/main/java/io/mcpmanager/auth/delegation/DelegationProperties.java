package io.mcpmanager.auth.delegation;

import io.mcpmanager.auth.client.RegisteredClients;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delegated tokens ({@code mcpm.auth.delegation.*}).
 *
 * @param clients the clients that may exchange a user's token (the actor named in {@code act})
 * @param audiences the audiences a delegated token may name: an exact value, or a URL prefix ending
 *     in {@code /} that admits every URL below it (the MCP endpoints)
 * @param defaultLifetime the lifetime when a token-endpoint request names none
 */
@Validated
@ConfigurationProperties("mcpm.auth.delegation")
public record DelegationProperties(
    @DefaultValue({RegisteredClients.WEB_FRONTEND, RegisteredClients.CLI}) List<String> clients,
    @DefaultValue({"mcpm-api", "http://127.0.0.1:8080/mcp/"}) @NotEmpty List<String> audiences,
    @DefaultValue("15m") @DurationMin(seconds = 1) @DurationMax(minutes = 60)
        Duration defaultLifetime) {

  /** No delegated token lives longer, whatever is asked. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(60);

  boolean allowsAudience(String audience) {
    return audiences.stream()
        .anyMatch(
            allowed ->
                allowed.endsWith("/")
                    ? audience.startsWith(allowed)
                        && audience.length() > allowed.length()
                        && !audience.contains("..")
                    : allowed.equals(audience));
  }
}
