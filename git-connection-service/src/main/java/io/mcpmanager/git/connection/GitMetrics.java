package io.mcpmanager.git.connection;

import io.mcpmanager.git.provider.GitProvider;
import io.mcpmanager.git.provider.GitProviders;
import io.mcpmanager.kit.metrics.CredentialMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The suite's credential metrics for git connections (observability/README.md): operations, token
 * refreshes per provider, and connections that stop working within 7 days unless their owner
 * reconnects.
 */
@Component
public class GitMetrics extends CredentialMetrics {

  static final String EXPIRING_KIND = "git-oauth-token";

  private final JdbcClient jdbc;
  private final Clock clock;

  GitMetrics(MeterRegistry registry, GitProviders providers, JdbcClient jdbc, Clock clock) {
    super(registry);
    this.jdbc = jdbc;
    this.clock = clock;
    operations(Operation.CREATE, Operation.ROTATE, Operation.REVOKE, Operation.BROKER);
    refreshes(providers.all().stream().map(GitProvider::id).toArray(String[]::new));
    expiringSoon(EXPIRING_KIND, this::expiringSoon);
  }

  /**
   * Usable connections whose refresh token (or, without one, whose access token) expires within the
   * horizon: a refresh cannot save them, only a new authorization.
   */
  private long expiringSoon() {
    return jdbc.sql(
            """
            SELECT count(*) FROM git_connection
            WHERE requires_reauth = false AND status IN ('active', 'error')
              AND CASE WHEN refresh_token_enc IS NOT NULL THEN refresh_token_expires_at ELSE expires_at END <= :horizon""")
        .param("horizon", Timestamp.from(clock.instant().plus(EXPIRY_HORIZON)))
        .query(Long.class)
        .single();
  }
}
