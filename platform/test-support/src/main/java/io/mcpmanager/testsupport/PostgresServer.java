package io.mcpmanager.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded binaries; as root it runs the server
 * through a user namespace). Each Spring context gets a database of its own, so tests never see
 * each other's rows.
 */
public final class PostgresServer {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static @Nullable EmbeddedPostgres server;

  private PostgresServer() {}

  public static synchronized EmbeddedPostgres shared() {
    EmbeddedPostgres started = server;
    if (started == null) {
      try {
        started = EmbeddedPostgres.builder().start();
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            "Could not start an embedded PostgreSQL (zonky). As root it needs `unshare -U` (user"
                + " namespaces); otherwise run the tests as an unprivileged user.",
            e);
      }
      server = started;
      Runtime.getRuntime().addShutdownHook(new Thread(PostgresServer::close));
    }
    return started;
  }

  /** Creates a fresh, empty database and returns its JDBC URL (user postgres, no password). */
  public static String newDatabase(String prefix) {
    String name = prefix.replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
    EmbeddedPostgres pg = shared();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return pg.getJdbcUrl("postgres", name);
  }

  /**
   * A database owned by one role and used by another, as in production (see {@link
   * #newDatabaseWithRoles}).
   */
  public record RoleDatabase(String jdbcUrl, String owner, String runtime, String password) {}

  /**
   * Creates a fresh database owned by the role {@code <db>_owner}, and a runtime role {@code <db>}
   * that may connect to it but owns nothing (both LOGIN, the same password).
   */
  public static RoleDatabase newDatabaseWithRoles(String prefix) {
    String name = prefix.replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
    String owner = name + "_owner";
    String password = "pw-" + name;
    EmbeddedPostgres pg = shared();
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + password + "'");
      s.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
      s.execute("CREATE DATABASE " + name + " OWNER " + owner);
      s.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
      s.execute("GRANT CONNECT ON DATABASE " + name + " TO " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    // Without zonky's ?user=: a user in the URL would win over the datasource's username.
    String url = pg.getJdbcUrl("postgres", name).replaceFirst("\\?.*$", "");
    return new RoleDatabase(url, owner, name, password);
  }

  /** Runs SQL as the superuser against the named database (for tests that tamper on purpose). */
  public static void executeAsSuperuser(String jdbcUrl, String sql) {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized void close() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
