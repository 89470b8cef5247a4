package io.mcpmanager.auth.pat;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Personal access tokens ({@code mcpm.auth.pats.*}).
 *
 * @param accessTokenTtl lifetime of the JWT a resolved token is exchanged for at the gateway
 * @param unusedAfter a token neither used nor created within this is flagged {@code unused}
 * @param maxPerUser tokens one account may hold at a time
 * @param hashKey the Vault Transit key of the keyed hashes of the secrets
 */
@Validated
@ConfigurationProperties("mcpm.auth.pats")
public record PatProperties(
    @DefaultValue("5m") @DurationMin(seconds = 30) @DurationMax(minutes = 5)
        Duration accessTokenTtl,
    @DefaultValue("30d") Duration unusedAfter,
    @DefaultValue("50") @Min(1) int maxPerUser,
    @DefaultValue("auth-server-pat") @NotBlank String hashKey) {

  /** Lifetime of a token when the request names none, and the longest one allowed. */
  static final int DEFAULT_LIFETIME_DAYS = 30;

  static final int MAX_LIFETIME_DAYS = 366;
}
