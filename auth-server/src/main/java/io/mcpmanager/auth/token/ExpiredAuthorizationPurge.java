package io.mcpmanager.auth.token;

import java.time.Clock;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes authorizations (rows of Spring Authorization Server's {@code oauth2_authorization}) whose
 * authorization code, access, refresh, ID token, device and user codes have all expired: nothing in
 * them can be used any more. Rows without any token (an authorization request waiting for consent)
 * are left alone. Every replica runs it; the delete is idempotent.
 */
@Component
class ExpiredAuthorizationPurge {

  private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizationPurge.class);

  private final JdbcClient jdbc;
  private final Clock clock;

  ExpiredAuthorizationPurge(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Returns how many authorizations were deleted. */
  @Scheduled(
      fixedDelayString = "${mcpm.auth.authorizations.purge-interval:1h}",
      initialDelayString = "${mcpm.auth.authorizations.purge-interval:1h}")
  @Transactional
  public int purge() {
    int deleted =
        jdbc.sql(
                """
            DELETE FROM oauth2_authorization
            WHERE coalesce(authorization_code_expires_at, access_token_expires_at, refresh_token_expires_at,
                           oidc_id_token_expires_at, device_code_expires_at, user_code_expires_at) IS NOT NULL
              AND (authorization_code_expires_at IS NULL OR authorization_code_expires_at <= :now)
              AND (access_token_expires_at IS NULL OR access_token_expires_at <= :now)
              AND (refresh_token_expires_at IS NULL OR refresh_token_expires_at <= :now)
              AND (oidc_id_token_expires_at IS NULL OR oidc_id_token_expires_at <= :now)
              AND (device_code_expires_at IS NULL OR device_code_expires_at <= :now)
              AND (user_code_expires_at IS NULL OR user_code_expires_at <= :now)""")
            .param("now", clock.instant().atOffset(ZoneOffset.UTC))
            .update();
    if (deleted > 0) {
      log.info("Purged {} expired authorizations", deleted);
    }
    return deleted;
  }
}
