package io.mcpmanager.integration.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the integration service ({@code integration.*}).
 *
 * @param providers per integration type (catalogue value, e.g. {@code notion}): the provider's API base URL
 * @param validation live checks against providers and their rate limit
 * @param revalidation the periodic job that detects credentials revoked at the provider
 * @param refresh OAuth access-token refresh
 * @param policy rotation grace, maximum credential age and staleness
 * @param google the Google OAuth client (gmail, calendar)
 */
@Validated
@ConfigurationProperties("integration")
public record IntegrationProperties(
    @DefaultValue Map<String, Provider> providers,
    @DefaultValue Validation validation,
    @DefaultValue Revalidation revalidation,
    @DefaultValue Refresh refresh,
    @DefaultValue Policy policy,
    @DefaultValue Google google,
    @DefaultValue("2048") @Min(64) @Max(16384) int metaMaxBytes) {

  /** @param baseUrl the provider's API root; the local stack points it at a stand-in */
  public record Provider(String baseUrl) {}

  /**
   * @param timeout connect and read timeout of a provider call
   * @param maxFailuresPerHour failed validations allowed per user and per credential in one hour
   */
  public record Validation(
      @DefaultValue("5s") @NotNull Duration timeout,
      @DefaultValue("100") @Min(1) int maxFailuresPerHour) {}

  /**
   * @param enabled whether the scheduler runs the job (tests call it directly)
   * @param interval how often a credential is re-checked
   * @param jitter random extra delay per credential, so checks spread out
   * @param batchSize credentials claimed per run
   */
  public record Revalidation(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("6h") @NotNull Duration interval,
      @DefaultValue("30m") @NotNull Duration jitter,
      @DefaultValue("50") @Min(1) int batchSize,
      @DefaultValue("1m") @NotNull Duration pollDelay) {}

  /**
   * @param skew refresh an access token this long before it expires
   * @param failureThreshold consecutive refresh failures (provider down) before status becomes error
   * @param backoff first retry delay after a failed refresh; doubles per failure
   */
  public record Refresh(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("5m") @NotNull Duration skew,
      @DefaultValue("5") @Min(1) int failureThreshold,
      @DefaultValue("30s") @NotNull Duration backoff,
      @DefaultValue("30s") @NotNull Duration pollDelay) {}

  /**
   * @param rotationGrace how long the previous credential stays (encrypted) for a rollback
   * @param maxCredentialAge a credential older than this expires ({@code expired_by_policy})
   * @param expiryWarning warn this long before the maximum age is reached
   * @param staleAfter credentials unused this long are flagged stale in listings
   */
  public record Policy(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("7d") @NotNull Duration rotationGrace,
      @DefaultValue("365d") @NotNull Duration maxCredentialAge,
      @DefaultValue("14d") @NotNull Duration expiryWarning,
      @DefaultValue("30d") @NotNull Duration staleAfter,
      @DefaultValue("10m") @NotNull Duration pollDelay) {}

  /** Google's OAuth endpoints and this service's client registration there. */
  public record Google(
      @DefaultValue("https://oauth2.googleapis.com/token") String tokenUri,
      @DefaultValue("https://oauth2.googleapis.com/revoke") String revokeUri,
      String clientId,
      String clientSecret) {}

  public String baseUrl(String type) {
    Provider provider = providers.get(type);
    return provider == null ? null : provider.baseUrl();
  }
}
