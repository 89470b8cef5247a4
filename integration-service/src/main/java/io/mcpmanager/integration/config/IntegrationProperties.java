package io.mcpmanager.integration.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the integration service ({@code integration.*}).
 *
 * @param providers per integration type (catalogue value, e.g. {@code notion}): the provider's API
 *     base URL
 * @param validation live checks against providers and their rate limit
 * @param revalidation the periodic job that detects credentials revoked at the provider
 * @param refresh OAuth access-token refresh
 * @param policy rotation grace, maximum credential age and staleness
 * @param google the Google OAuth client (gmail, calendar)
 * @param oauth the browser side of OAuth connects: callback and frontend URLs
 * @param jobs what the periodic jobs share
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
    @DefaultValue OAuth oauth,
    @DefaultValue Jobs jobs,
    @DefaultValue("2048") @Min(64) @Max(16384) int metaMaxBytes) {

  /**
   * @param baseUrl the provider's API root; the local stack points it at a stand-in
   */
  public record Provider(@Nullable String baseUrl) {}

  /**
   * @param timeout connect and read timeout of a provider call
   * @param maxFailuresPerHour failed validations allowed per user and per credential in one hour
   * @param maxAttemptsPerHour validations of any outcome (each one an outbound call to a provider)
   *     allowed per user and per credential in one hour
   */
  public record Validation(
      @DefaultValue("5s") @NotNull Duration timeout,
      @DefaultValue("100") @Min(1) int maxFailuresPerHour,
      @DefaultValue("300") @Min(1) int maxAttemptsPerHour) {}

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
   * @param failureThreshold consecutive refresh failures (provider down) before status becomes
   *     error
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

  /**
   * @param lockAtMostFor a job's cluster-wide lock is freed after this long even if its replica
   *     died mid-run
   */
  public record Jobs(@DefaultValue("10m") @NotNull Duration lockAtMostFor) {}

  /** Google's OAuth endpoints and this service's client registration there. */
  public record Google(
      @DefaultValue("https://accounts.google.com/o/oauth2/v2/auth") String authorizationUri,
      @DefaultValue("https://oauth2.googleapis.com/token") String tokenUri,
      @DefaultValue("https://oauth2.googleapis.com/revoke") String revokeUri,
      @Nullable String clientId,
      @Nullable String clientSecret) {}

  /**
   * @param callbackBaseUrl public base URL the provider sends the browser back to (the gateway)
   * @param frontendUrl the integrations page; the callback redirects there with the outcome
   * @param allowedReturnUrls URL prefixes a client may ask to be sent back to instead
   */
  public record OAuth(
      @DefaultValue("http://127.0.0.1:8080") String callbackBaseUrl,
      @DefaultValue("http://localhost:5173/integrations") String frontendUrl,
      @DefaultValue List<String> allowedReturnUrls) {

    /**
     * Only http(s) URLs without user info on the frontend's (or an allowed prefix's) scheme, host
     * and port, under its path: {@code https://app.example.com.evil.com} does not match {@code
     * https://app.example.com}.
     */
    public boolean isAllowedReturnUrl(String url) {
      URI candidate = parse(url);
      if (candidate == null || candidate.getRawUserInfo() != null) {
        return false;
      }
      return Stream.concat(Stream.of(frontendUrl), allowedReturnUrls.stream())
          .map(OAuth::parse)
          .anyMatch(
              prefix ->
                  prefix != null
                      && prefix.getScheme().equalsIgnoreCase(candidate.getScheme())
                      && prefix.getHost().equalsIgnoreCase(candidate.getHost())
                      && prefix.getPort() == candidate.getPort()
                      && candidate.getRawPath().startsWith(prefix.getRawPath()));
    }

    private static @Nullable URI parse(@Nullable String url) {
      try {
        URI uri = url == null ? null : new URI(url);
        boolean web =
            uri != null
                && uri.getHost() != null
                && ("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()));
        return web ? uri : null;
      } catch (URISyntaxException e) {
        return null;
      }
    }
  }

  /** The configured API root of a provider type, absent when none is configured. */
  public @Nullable String baseUrl(String type) {
    Provider provider = providers.get(type);
    return provider == null ? null : provider.baseUrl();
  }
}
