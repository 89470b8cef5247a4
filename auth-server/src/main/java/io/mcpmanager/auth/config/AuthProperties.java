package io.mcpmanager.auth.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * auth-server settings ({@code mcpm.auth.*}).
 *
 * @param issuer the issuer URI written into every token ({@code AUTH_ISSUER_URI})
 * @param accessTokenTtl lifetime of access tokens, 5 to 15 minutes
 * @param refreshTokenTtl lifetime of refresh tokens (rotated on every use)
 * @param webRedirectUris redirect URIs of the {@code web-frontend} client
 * @param trustedProxies CIDR ranges of proxies whose {@code X-Forwarded-For} names the client (used
 *     by Tomcat's RemoteIpValve through {@code server.tomcat.remoteip.internal-proxies})
 */
@Validated
@ConfigurationProperties("mcpm.auth")
public record AuthProperties(
    @NotBlank String issuer,
    @DefaultValue("10m") @DurationMin(minutes = 5) @DurationMax(minutes = 15)
        Duration accessTokenTtl,
    @DefaultValue("8h") Duration refreshTokenTtl,
    @DefaultValue({"http://localhost:5173/callback", "http://127.0.0.1:8080/callback"}) @NotEmpty
        List<String> webRedirectUris,
    List<String> trustedProxies,
    @DefaultValue @Valid Throttle throttle,
    @Valid RateLimit rateLimit,
    @DefaultValue @Valid Authorizations authorizations,
    @DefaultValue @Valid Keys keys,
    @DefaultValue @Valid Mfa mfa) {

  /**
   * Brute-force protection. Per account and client address: from the {@code delayAfterFailures}-th
   * consecutive failure the next attempt is refused until a delay (doubling, capped) has passed;
   * {@code lockAfterFailures} consecutive failures lock the account for that address for {@code
   * lockDuration}, the longest back-off. Per client address: the same delay from {@code
   * ipDelayAfterFailures} and an hourly cap, but no lock.
   */
  public record Throttle(
      @DefaultValue("5") @Min(1) int delayAfterFailures,
      @DefaultValue("1s") Duration initialDelay,
      @DefaultValue("60s") Duration maxDelay,
      @DefaultValue("10") @Min(1) int lockAfterFailures,
      @DefaultValue("15m") Duration lockDuration,
      @DefaultValue("30") @Min(1) int ipDelayAfterFailures,
      @DefaultValue("500") @Min(1) int ipMaxFailuresPerHour) {}

  /**
   * Requests per client address and replica on the endpoints reached without a token (defaults in
   * {@code application.yml}).
   *
   * @param login {@code POST /login}
   * @param token {@code POST /oauth2/token} (the console's backend refreshes every user's tokens
   *     from its own address, hence the larger bucket)
   * @param deviceAuthorization {@code POST /oauth2/device_authorization}
   */
  public record RateLimit(
      @NotNull @Valid Limit login,
      @NotNull @Valid Limit token,
      @NotNull @Valid Limit deviceAuthorization) {}

  /** A bucket of {@code capacity} requests, refilled continuously over {@code refillPeriod}. */
  public record Limit(@Min(1) int capacity, @DurationMin(seconds = 1) Duration refillPeriod) {}

  /**
   * @param purgeInterval how often authorizations whose every token has expired are deleted
   */
  public record Authorizations(
      @DefaultValue("1h") @DurationMin(seconds = 1) Duration purgeInterval) {}

  /**
   * Signing keys.
   *
   * @param refreshInterval how often each replica reloads the key set (and rotates a key that is
   *     due)
   * @param retention how long a retired key stays published (at least one access-token lifetime)
   * @param rotationPeriod age at which the signing key is replaced on its own
   */
  public record Keys(
      @DefaultValue("30s") Duration refreshInterval,
      @DefaultValue("35m") Duration retention,
      @DefaultValue("30d") @DurationMin(hours = 1) Duration rotationPeriod) {}

  /**
   * Second factors.
   *
   * @param required who must use one: {@code none} (those who enrolled), {@code admins}, {@code
   *     all}; a user who must but has none is sent to enrol right after the password
   * @param maxFailures wrong codes in a row that lock the second factor
   * @param lockDuration how long it stays locked
   * @param issuerLabel the issuer name authenticator apps show
   */
  public record Mfa(
      @DefaultValue("none") MfaPolicy required,
      @DefaultValue("5") @Min(1) int maxFailures,
      @DefaultValue("15m") Duration lockDuration,
      @DefaultValue("MCP Manager") @NotBlank String issuerLabel) {}

  /** Who must use a second factor. */
  public enum MfaPolicy {
    /** Only users who enrolled one. */
    NONE,
    /** Every administrator, and users who enrolled one. */
    ADMINS,
    /** Everybody. */
    ALL
  }
}
