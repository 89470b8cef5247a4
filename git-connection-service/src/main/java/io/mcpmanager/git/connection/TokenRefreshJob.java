package io.mcpmanager.git.connection;

import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.kit.events.DisabledOwners;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refreshes tokens that expire within the lead time; failed ones are retried after their backoff.
 */
@Component
public class TokenRefreshJob {

  private static final Logger log = LoggerFactory.getLogger(TokenRefreshJob.class);

  private final GitConnectionRepository connections;
  private final AccessTokens tokens;
  private final DisabledOwners disabledOwners;
  private final GitProperties.Refresh properties;
  private final Clock clock;

  TokenRefreshJob(
      GitConnectionRepository connections,
      AccessTokens tokens,
      DisabledOwners disabledOwners,
      GitProperties properties,
      Clock clock) {
    this.connections = connections;
    this.tokens = tokens;
    this.disabledOwners = disabledOwners;
    this.properties = properties.refresh();
    this.clock = clock;
  }

  /**
   * @return how many connections were refreshed by this run
   */
  public int refreshDue() {
    Instant now = clock.instant();
    int refreshed = 0;
    // A disabled owner's tokens are not refreshed (they expire; brokering refuses them anyway).
    for (UUID id :
        disabledOwners.withoutDisabledOwners(
            "git_connection", connections.findRefreshDue(now.plus(properties.leadTime()), now))) {
      try {
        AccessTokens.Outcome outcome =
            tokens.refresh(
                id,
                c ->
                    c.needsRefreshBefore(clock.instant().plus(properties.leadTime()))
                        && (c.nextRefreshAttemptAt() == null
                            || !c.nextRefreshAttemptAt().isAfter(clock.instant())));
        if (outcome.result() == AccessTokens.Result.REFRESHED) {
          refreshed++;
        }
      } catch (RuntimeException e) {
        log.warn(
            "scheduled refresh of git connection {} failed: {}", id, e.getClass().getSimpleName());
      }
    }
    return refreshed;
  }
}
