package io.mcpmanager.git.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the git connection service ({@code git.*}). Durations take Boot's simple form ({@code
 * 30s}, {@code 1m}, {@code 2h}).
 *
 * @param providers per provider id ({@code github}, {@code gitlab}): addresses, scopes, OAuth
 *     client
 * @param credentials where the OAuth clients live in Vault KV when the environment has none
 * @param oauth the browser side of the connect flow: callback and frontend URLs
 * @param http timeouts of calls to provider APIs
 * @param connections how connections are shown
 * @param refresh token refresh, on demand and by the scheduled job
 * @param revocation retries of remote revocations that failed at disconnect
 * @param sync background repository syncs
 * @param jobs the periodic jobs
 */
@Validated
@ConfigurationProperties("git")
public record GitProperties(
    @DefaultValue Map<String, @Valid Provider> providers,
    @DefaultValue @Valid Credentials credentials,
    @DefaultValue @Valid OAuth oauth,
    @DefaultValue @Valid Http http,
    @DefaultValue @Valid Connections connections,
    @DefaultValue @Valid Refresh refresh,
    @DefaultValue @Valid Revocation revocation,
    @DefaultValue @Valid Sync sync,
    @DefaultValue @Valid Jobs jobs) {

  /**
   * {@code git.providers.<id>.*}; the client id and secret come from the environment ({@code
   * GIT_PROVIDERS_GITHUB_CLIENT_ID}, ...) or Vault, never from a file.
   *
   * @param baseUrl github.com, a GitHub Enterprise Server, gitlab.com or a self-managed GitLab; the
   *     public service when unset
   * @param apiUrl the REST API's base when it is not where the provider usually serves it
   * @param scopes asked for when the client names none; the provider's defaults when empty
   */
  public record Provider(
      @Nullable URI baseUrl,
      @Nullable URI apiUrl,
      @Nullable String clientId,
      @Nullable String clientSecret,
      @DefaultValue List<String> scopes) {

    @Override
    public String toString() {
      return "Provider[baseUrl=" + baseUrl + ", clientId=" + clientId + "]";
    }
  }

  /**
   * Vault KV v2: {@code <kvMount>/<kvPath>/<provider>} with the keys {@code client_id} and {@code
   * client_secret}.
   */
  public record Credentials(
      @DefaultValue("secret") @NotBlank String kvMount,
      @DefaultValue("git-connection-service/providers") @NotBlank String kvPath) {}

  /**
   * @param callbackBaseUrl public base URL the provider redirects the browser to (the gateway)
   * @param frontendUrl the Git connections page; the callback redirects there with the outcome
   * @param allowedReturnUrls URL prefixes a client may ask to be sent back to instead
   */
  public record OAuth(
      @DefaultValue("http://127.0.0.1:8080") @NotBlank String callbackBaseUrl,
      @DefaultValue("http://127.0.0.1:5173/git/connections") @NotBlank String frontendUrl,
      @DefaultValue List<String> allowedReturnUrls) {

    public boolean isAllowedReturnUrl(@Nullable String url) {
      if (url == null
          || !(url.startsWith("https://") || url.startsWith("http://"))
          || url.contains("@")) {
        return false;
      }
      return url.startsWith(frontendUrl) || allowedReturnUrls.stream().anyMatch(url::startsWith);
    }
  }

  public record Http(
      @DefaultValue("5s") @NotNull Duration connectTimeout,
      @DefaultValue("15s") @NotNull Duration readTimeout) {}

  /**
   * @param expiresSoonWindow a connection whose token expires within this window is flagged {@code
   *     expires_soon}
   */
  public record Connections(@DefaultValue("30m") @NotNull Duration expiresSoonWindow) {}

  /**
   * @param leadTime the scheduled job refreshes tokens expiring within this window
   * @param onDemandLead a token asked for that expires within this window is refreshed first
   * @param attempts calls to the token endpoint per refresh when it is down (5xx, timeout)
   * @param failureThreshold consecutive failed refreshes after which the status turns to error
   * @param backoffBase first wait before the job retries a failed refresh; doubles, up to
   *     backoffMax
   * @param scanInterval pause between runs of the refresh job
   */
  public record Refresh(
      @DefaultValue("10m") @NotNull Duration leadTime,
      @DefaultValue("2m") @NotNull Duration onDemandLead,
      @DefaultValue("3") @Min(1) int attempts,
      @DefaultValue("200ms") @NotNull Duration attemptDelay,
      @DefaultValue("3") @Min(1) int failureThreshold,
      @DefaultValue("30s") @NotNull Duration backoffBase,
      @DefaultValue("15m") @NotNull Duration backoffMax,
      @DefaultValue("1m") @NotNull Duration scanInterval) {

    /** The wait before the job retries after {@code failures} failed refreshes in a row. */
    public Duration backoff(int failures) {
      long factor = 1L << Math.min(Math.max(failures - 1, 0), 16);
      Duration wait = backoffBase.multipliedBy(factor);
      return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
  }

  /**
   * @param retryBackoff wait before the first retry of a failed revocation; doubles per attempt
   * @param scanInterval pause between runs of the retry job
   * @param batchSize queued revocations taken per run
   */
  public record Revocation(
      @DefaultValue("5m") @NotNull Duration retryBackoff,
      @DefaultValue("1m") @NotNull Duration scanInterval,
      @DefaultValue("50") @Min(1) int batchSize) {}

  /**
   * @param maxRateLimitWait a sync gives up when rate limits would make it wait longer than this in
   *     total
   * @param secondaryBackoff first wait after a secondary rate limit without a hint; doubles each
   *     time
   * @param unavailableRetries retries of a page when the provider answers 5xx or times out
   * @param staleAfter a run still "running" after this long (its replica died) no longer blocks a
   *     new one
   */
  public record Sync(
      @DefaultValue("15m") @NotNull Duration maxRateLimitWait,
      @DefaultValue("60s") @NotNull Duration secondaryBackoff,
      @DefaultValue("3") @Min(0) int unavailableRetries,
      @DefaultValue("2s") @NotNull Duration unavailableBackoff,
      @DefaultValue("500") @Min(1) int maxPages,
      @DefaultValue("30m") @NotNull Duration staleAfter) {}

  /**
   * @param enabled whether this replica schedules the jobs at all (tests call them directly)
   * @param stateCleanupInterval pause between purges of expired OAuth states
   * @param lockAtMostFor a job's cluster-wide lock is freed after this long even if its replica
   *     died mid-run
   */
  public record Jobs(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("10m") @NotNull Duration stateCleanupInterval,
      @DefaultValue("10m") @NotNull Duration lockAtMostFor) {}

  /** The settings of one provider; empty ones when nothing is configured for it. */
  public Provider provider(String id) {
    Provider configured = providers.get(id);
    return configured != null ? configured : new Provider(null, null, null, null, List.of());
  }
}
