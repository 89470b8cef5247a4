package io.mcpmanager.git.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code git.refresh.*}.
 *
 * @param leadTime the scheduled job refreshes tokens expiring within this window
 * @param onDemandLead a token asked for that expires within this window is refreshed first
 * @param attempts calls to the token endpoint per refresh when it is down (5xx, timeout)
 * @param failureThreshold consecutive failed refreshes after which the status turns to error
 * @param backoffBase first wait before the job retries a failed refresh; doubles, up to backoffMax
 */
@ConfigurationProperties("git.refresh")
public record RefreshProperties(
    @DefaultValue("10m") Duration leadTime,
    @DefaultValue("2m") Duration onDemandLead,
    @DefaultValue("3") int attempts,
    @DefaultValue("200ms") Duration attemptDelay,
    @DefaultValue("3") int failureThreshold,
    @DefaultValue("30s") Duration backoffBase,
    @DefaultValue("15m") Duration backoffMax) {

  Duration backoff(int failures) {
    long factor = 1L << Math.min(Math.max(failures - 1, 0), 16);
    Duration wait = backoffBase.multipliedBy(factor);
    return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
  }
}
