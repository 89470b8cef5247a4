package io.mcpmanager.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Two "replicas" (two DataSources, two helpers) on one real PostgreSQL database. */
class RefreshSingleFlightTests {

  record Credential(String token, int generation) {}

  @Test
  void shouldRefreshOnceAcrossReplicasAndLetWaitersSeeTheNewToken() throws Exception {
    String url = Databases.freshWithOAuthState();
    io.mcpmanager.testsupport.PostgresServer.executeAsSuperuser(
        url,
        "CREATE TABLE credential (id int PRIMARY KEY, token text, generation int);"
            + "INSERT INTO credential VALUES (1, 'old', 0)");
    AtomicInteger refreshCalls = new AtomicInteger();
    List<Replica> replicas =
        List.of(new Replica(Databases.dataSource(url)), new Replica(Databases.dataSource(url)));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Credential>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Replica replica = replicas.get(i % 2);
      results.add(
          pool.submit(
              () -> {
                start.await();
                return replica.helper.refresh(
                    "credential:1",
                    replica::read,
                    c -> c.generation() == 0,
                    c -> {
                      refreshCalls.incrementAndGet();
                      replica
                          .jdbc
                          .sql("UPDATE credential SET token = 'new', generation = 1 WHERE id = 1")
                          .update();
                      return replica.read();
                    });
              }));
    }
    start.countDown();
    for (Future<Credential> result : results) {
      assertThat(result.get().token()).isEqualTo("new");
    }
    pool.shutdown();
    assertThat(refreshCalls).hasValue(1);
  }

  @Test
  void shouldRollBackTheRefreshWhenItFails() {
    String url = Databases.freshWithOAuthState();
    io.mcpmanager.testsupport.PostgresServer.executeAsSuperuser(
        url,
        "CREATE TABLE credential (id int PRIMARY KEY, token text, generation int);"
            + "INSERT INTO credential VALUES (1, 'old', 0)");
    Replica replica = new Replica(Databases.dataSource(url));

    try {
      replica.helper.refresh(
          "credential:1",
          replica::read,
          c -> true,
          c -> {
            replica.jdbc.sql("UPDATE credential SET token = 'half' WHERE id = 1").update();
            throw new IllegalStateException("provider failed");
          });
    } catch (IllegalStateException expected) {
      // the update must not survive
    }
    assertThat(replica.read().token()).isEqualTo("old");
  }

  static final class Replica {
    final JdbcClient jdbc;
    final RefreshSingleFlight helper;

    Replica(DataSource dataSource) {
      this.jdbc = JdbcClient.create(dataSource);
      this.helper = new RefreshSingleFlight(jdbc, new DataSourceTransactionManager(dataSource));
    }

    Credential read() {
      return jdbc.sql("SELECT token, generation FROM credential WHERE id = 1")
          .query((rs, i) -> new Credential(rs.getString(1), rs.getInt(2)))
          .single();
    }
  }
}
