package io.mcpmanager.oauth;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure one credential is refreshed once, however many threads and replicas ask at the same
 * time. Each caller takes a transaction-scoped PostgreSQL advisory lock on the credential's key,
 * re-reads the credential after the lock, and refreshes only if it still needs it; waiters
 * therefore see the token the first caller stored. The refresh function runs inside the locked
 * transaction, so the new access token and a rotated refresh token are committed together, before
 * the lock is freed.
 */
public class RefreshSingleFlight {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  public RefreshSingleFlight(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * @param lockKey names the credential, e.g. {@code "git-connection:" + id}
   * @param reRead loads the current state of the credential (inside the locked transaction), null
   *     when it is gone
   * @param stillNeeded whether the re-read state still needs a refresh
   * @param refresh calls the provider and persists the result; returns the new state
   * @return the refreshed state, the re-read one when another caller already refreshed, or null
   *     when the credential is gone
   */
  public <T> @Nullable T refresh(
      String lockKey,
      Supplier<@Nullable T> reRead,
      Predicate<T> stillNeeded,
      Function<T, T> refresh) {
    return transactions.execute(
        status -> {
          jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
              .param("key", lockKey)
              .query((rs, i) -> Boolean.TRUE)
              .single();
          T current = reRead.get();
          return current != null && stillNeeded.test(current) ? refresh.apply(current) : current;
        });
  }
}
