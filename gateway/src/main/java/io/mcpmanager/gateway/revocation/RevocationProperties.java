package io.mcpmanager.gateway.revocation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway reads user status events from.
 *
 * @param bootstrapServers the Kafka brokers carrying auth-server's events
 * @param client further Kafka consumer settings: how the gateway authenticates (security.protocol,
 *     sasl.mechanism, sasl.jaas.config with its SCRAM credentials from the environment)
 * @param replayWindow how far back the gateway reads on start-up; at least one access-token
 *     lifetime plus clock skew: a user disabled earlier holds no token that is still valid (the
 *     disable revokes their refresh tokens and refuses their logins)
 */
@Validated
@ConfigurationProperties("mcpm.gateway.revocation")
public record RevocationProperties(
    @DefaultValue("127.0.0.1:19092") @NotBlank String bootstrapServers,
    @DefaultValue("15m") @NotNull Duration replayWindow,
    Map<String, String> client) {

  public RevocationProperties {
    client = client == null ? Map.of() : Map.copyOf(client);
  }
}
