package io.mcpmanager.gateway.revocation;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Down until the disabled-users list has caught up with the events (part of readiness). */
final class RevocationHealthIndicator implements HealthIndicator {

  private final UserStatusFollower follower;

  RevocationHealthIndicator(UserStatusFollower follower) {
    this.follower = follower;
  }

  @Override
  public Health health() {
    return follower.caughtUp()
        ? Health.up().build()
        : Health.outOfService().withDetail("reason", "user status not caught up").build();
  }
}
