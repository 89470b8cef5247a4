package io.mcpmanager.mcp.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the MCP server service ({@code mcp.*}).
 *
 * @param manager the identity the manager presents to MCP servers
 * @param keys rotation policy of the per-server manager keys
 * @param health live MCP health checks
 * @param broker credential brokering for MCP servers
 * @param jobs the periodic jobs (health checks, key policy, jti purge)
 */
@Validated
@ConfigurationProperties("mcp")
public record McpProperties(
    @Valid @DefaultValue Manager manager,
    @Valid @DefaultValue Keys keys,
    @Valid @DefaultValue Health health,
    @Valid @DefaultValue Broker broker,
    @Valid @DefaultValue Jobs jobs) {

  /**
   * @param issuerId {@code iss} of the manager's tokens, and the {@code aud} servers must use
   * @param tokenTtl lifetime of a manager token (at most 5 minutes)
   */
  public record Manager(
      @DefaultValue("mcp-manager") @NotBlank String issuerId,
      @DefaultValue("2m") @NotNull Duration tokenTtl) {

    @AssertTrue(message = "token-ttl must be between 1 second and 5 minutes")
    public boolean isTokenTtlValid() {
      return tokenTtl != null
          && !tokenTtl.isNegative()
          && tokenTtl.toSeconds() >= 1
          && tokenTtl.compareTo(Duration.ofMinutes(5)) <= 0;
    }
  }

  /**
   * @param maxAge a key version older than this is rotated by the scheduled policy
   * @param gracePeriod how long a replaced key version stays published and usable
   * @param sweepInterval how often the rotation and retirement policy runs
   */
  public record Keys(
      @DefaultValue("30d") @NotNull Duration maxAge,
      @DefaultValue("1h") @NotNull Duration gracePeriod,
      @DefaultValue("5m") @NotNull Duration sweepInterval) {}

  /**
   * Which addresses a check may reach is the platform's outbound guard's ({@code mcpm.outbound.*}).
   *
   * @param timeout request timeout of each MCP exchange of one check
   * @param interval how often every registered server is checked
   * @param maxResponseSize the largest response body a check reads; a longer one fails the check
   */
  public record Health(
      @DefaultValue("10s") @NotNull Duration timeout,
      @DefaultValue("5m") @NotNull Duration interval,
      @DefaultValue("1MB") @NotNull DataSize maxResponseSize) {}

  /**
   * @param maxTokenLifetime the furthest {@code exp} a server-signed broker token may have
   * @param clockSkew tolerance for clocks of MCP servers
   * @param timeout connect and read timeout of a call to integration-service or
   *     git-connection-service
   * @param jtiPurgeInterval how often single-use ids of tokens expired over an hour ago are deleted
   * @param perServerPerMinute credentials one server may have brokered a minute (per replica);
   *     beyond it the broker answers 429 with {@code Retry-After}
   */
  public record Broker(
      @DefaultValue("5m") @NotNull Duration maxTokenLifetime,
      @DefaultValue("30s") @NotNull Duration clockSkew,
      @DefaultValue("5s") @NotNull Duration timeout,
      @DefaultValue("10m") @NotNull Duration jtiPurgeInterval,
      @DefaultValue("120") @Positive int perServerPerMinute) {}

  /**
   * @param enabled whether the scheduler runs the jobs (tests call them directly)
   * @param lockAtMostFor a job's cluster-wide lock is freed after this long even if its replica
   *     died mid-run
   */
  public record Jobs(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("10m") @NotNull Duration lockAtMostFor) {}
}
