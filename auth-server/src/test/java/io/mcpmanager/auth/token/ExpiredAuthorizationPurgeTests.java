package io.mcpmanager.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.AuthServerTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Authorizations whose every token has expired are deleted; any live token keeps the row. */
class ExpiredAuthorizationPurgeTests extends AuthServerTest {

  @Autowired ExpiredAuthorizationPurge purge;
  @Autowired JdbcClient jdbc;

  private static final OffsetDateTime PAST = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
  private static final OffsetDateTime FUTURE = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1);

  @Test
  void shouldDeleteOnlyAuthorizationsWhoseTokensHaveAllExpired() {
    String expired = insert(PAST, PAST, PAST, null);
    String expiredDevice = insert(null, null, null, PAST);
    String liveRefresh = insert(PAST, PAST, FUTURE, null);
    String liveAccess = insert(null, FUTURE, null, null);
    String liveCode = insert(FUTURE, null, null, null);
    String liveDevice = insert(null, null, null, FUTURE);

    int deleted = purge.purge();

    assertThat(deleted).isGreaterThanOrEqualTo(2);
    assertThat(exists(expired)).isFalse();
    assertThat(exists(expiredDevice)).isFalse();
    assertThat(exists(liveRefresh)).isTrue();
    assertThat(exists(liveAccess)).isTrue();
    assertThat(exists(liveCode)).isTrue();
    assertThat(exists(liveDevice)).isTrue();
  }

  private String insert(
      @Nullable OffsetDateTime codeExpires,
      @Nullable OffsetDateTime accessExpires,
      @Nullable OffsetDateTime refreshExpires,
      @Nullable OffsetDateTime deviceExpires) {
    String id = UUID.randomUUID().toString();
    jdbc.sql(
            """
            INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type,
                authorization_code_value, authorization_code_expires_at, access_token_value, access_token_expires_at,
                refresh_token_value, refresh_token_expires_at, device_code_value, device_code_expires_at)
            VALUES (:id, 'web-frontend', 'purge-test', 'authorization_code', 'sha256:c', :code, 'sha256:a', :access,
                'sha256:r', :refresh, 'sha256:d', :device)""")
        .param("id", id)
        .param("code", codeExpires)
        .param("access", accessExpires)
        .param("refresh", refreshExpires)
        .param("device", deviceExpires)
        .update();
    return id;
  }

  private boolean exists(String id) {
    return jdbc.sql("SELECT count(*) FROM oauth2_authorization WHERE id = :id")
            .param("id", id)
            .query(Integer.class)
            .single()
        == 1;
  }
}
