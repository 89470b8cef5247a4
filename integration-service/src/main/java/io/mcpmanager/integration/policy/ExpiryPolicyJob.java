package io.mcpmanager.integration.policy;

import io.mcpmanager.integration.account.CredentialExpiry;
import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.integration.ratelimit.ValidationThrottle;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The expiration policy for API tokens (OAuth tokens renew themselves): a warning event ahead of
 * the maximum age, then {@code expired}. It also destroys previous credentials past their rollback
 * grace and updates the stale gauge (the expiring-soon gauge counts at each scrape). Safe with
 * several replicas: see {@link CredentialExpiry}.
 */
@Component
public class ExpiryPolicyJob {

  private final CredentialExpiry expiry;
  private final ValidationThrottle throttle;
  private final IntegrationMetrics metrics;
  private final IntegrationProperties.Policy policy;
  private final Clock clock;

  ExpiryPolicyJob(
      CredentialExpiry expiry,
      ValidationThrottle throttle,
      IntegrationMetrics metrics,
      IntegrationProperties properties,
      Clock clock) {
    this.expiry = expiry;
    this.throttle = throttle;
    this.metrics = metrics;
    this.policy = properties.policy();
    this.clock = clock;
    metrics.expiringSoon(IntegrationMetrics.EXPIRING_KIND, this::expiringSoon);
  }

  /** What one run did. */
  public record Run(int warned, int expired, int destroyed) {}

  public Run runOnce() {
    Instant now = clock.instant();
    int warned = expiry.warnExpiring(now, policy.maxCredentialAge(), policy.expiryWarning());
    int expired = expiry.expireOverAge(now, policy.maxCredentialAge());
    int destroyed = expiry.destroyPreviousCredentials(now);
    throttle.purgeOldWindows();
    metrics.stale(expiry.countStale(now.minus(policy.staleAfter())));
    return new Run(warned, expired, destroyed);
  }

  /**
   * API tokens that reach their maximum age within the next 7 days (or already did, not yet
   * expired).
   */
  private long expiringSoon() {
    return expiry.countAgingApiTokens(
        clock.instant().minus(policy.maxCredentialAge()).plus(IntegrationMetrics.EXPIRY_HORIZON));
  }
}
