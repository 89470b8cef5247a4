package io.mcpmanager.mcp.broker;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Single-use token ids: the first insert wins, any later one is a replay. */
@Component
class BrokerJtiStore {

  private final JdbcClient jdbc;

  BrokerJtiStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Claims a jti in its own transaction; false when it was already used. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public boolean claim(UUID serverId, String jti, Instant expiresAt) {
    return jdbc.sql(
                """
            INSERT INTO broker_jti (server_id, jti, expires_at) VALUES (:server, :jti, :expires)
            ON CONFLICT DO NOTHING""")
            .param("server", serverId)
            .param("jti", jti)
            .param("expires", Timestamp.from(expiresAt))
            .update()
        == 1;
  }

  /** Forgets ids of tokens that expired (with margin): they can no longer be replayed anyway. */
  @Transactional
  public int purgeExpiredBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM broker_jti WHERE expires_at < :cutoff")
        .param("cutoff", Timestamp.from(cutoff))
        .update();
  }
}
