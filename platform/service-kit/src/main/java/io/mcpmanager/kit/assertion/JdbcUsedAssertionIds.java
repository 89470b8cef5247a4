package io.mcpmanager.kit.assertion;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Used ids in the service's own database ({@code caller_assertion_jti}, a platform migration):
 * shared by every replica, so a replay to another replica is refused too. Rows past their expiry
 * are deleted by {@link #purgeExpiredBefore}: such an assertion is refused for its age anyway.
 */
public class JdbcUsedAssertionIds implements UsedAssertionIds {

  private final JdbcClient jdbc;

  public JdbcUsedAssertionIds(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean claim(String issuer, String jti, Instant expiresAt) {
    return jdbc.sql(
                """
            INSERT INTO caller_assertion_jti (issuer, jti, expires_at)
            VALUES (:issuer, :jti, :expires) ON CONFLICT DO NOTHING""")
            .param("issuer", issuer)
            .param("jti", jti)
            .param("expires", Timestamp.from(expiresAt))
            .update()
        == 1;
  }

  public int purgeExpiredBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM caller_assertion_jti WHERE expires_at < :cutoff")
        .param("cutoff", Timestamp.from(cutoff))
        .update();
  }
}
