package io.mcpmanager.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcpmanager.auth.SmallLimitsAuthServerTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The purge runs on its own at {@code mcpm.auth.authorizations.purge-interval} (1 s here). */
class ExpiredAuthorizationScheduleTests extends SmallLimitsAuthServerTest {

  @Autowired JdbcClient jdbc;

  @Test
  void shouldPurgeAnExpiredAuthorizationWithoutBeingAsked() {
    String id = UUID.randomUUID().toString();
    jdbc.sql(
            """
            INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
                access_token_value, access_token_expires_at)
            VALUES (:id, 'web-frontend', 'schedule-test', 'authorization_code', 'sha256:a', :expired)""")
        .param("id", id)
        .param("expired", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
        .update();

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql("SELECT count(*) FROM oauth2_authorization WHERE id = :id")
                            .param("id", id)
                            .query(Integer.class)
                            .single())
                    .isZero());
  }
}
