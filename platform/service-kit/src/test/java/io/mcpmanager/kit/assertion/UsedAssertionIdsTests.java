package io.mcpmanager.kit.assertion;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.testsupport.ServiceTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Used assertion ids in the platform table (migration db/platform V5), shared by replicas. */
@ServiceTest
class UsedAssertionIdsTests {

  @Autowired JdbcClient jdbc;

  @Test
  void shouldAcceptAnIdOncePerIssuerAndForgetItOnceExpired() {
    JdbcUsedAssertionIds used = new JdbcUsedAssertionIds(jdbc);
    String jti = UUID.randomUUID().toString();
    Instant expires = Instant.now().plusSeconds(30);

    assertThat(used.claim("mcp-server-service", jti, expires)).isTrue();
    assertThat(used.claim("mcp-server-service", jti, expires)).isFalse();
    assertThat(used.claim("another-service", jti, expires)).isTrue();

    assertThat(used.purgeExpiredBefore(expires.plusSeconds(1))).isGreaterThanOrEqualTo(2);
    assertThat(used.claim("mcp-server-service", jti, expires)).isTrue();
  }
}
