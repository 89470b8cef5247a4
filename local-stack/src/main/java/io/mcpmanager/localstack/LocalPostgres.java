package io.mcpmanager.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a real PostgreSQL (zonky embedded binaries) for the local stack until the JVM is stopped.
 *
 * <p>Usage: {@code LocalPostgres <port> <data-directory> <database>...}. The data directory is kept
 * between runs; the databases are created when missing, each owned by the role {@code
 * <database>_owner} (which Flyway migrates as) and used by the role {@code <database>} (which the
 * app runs as and which owns nothing). Superuser {@code postgres}, trust authentication, listening
 * on 127.0.0.1 only. Stopping the JVM (SIGTERM, Ctrl-C) stops PostgreSQL cleanly. As root, zonky
 * runs initdb and postgres through {@code unshare -U} by itself.
 */
public final class LocalPostgres {

  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private LocalPostgres() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: LocalPostgres <port> <data-directory> [database...]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path dataDirectory = Path.of(args[1]).toAbsolutePath();
    List<String> databases = List.of(args).subList(2, args.length);
    databases.forEach(LocalPostgres::requireValidDatabaseName);

    removeHalfExtractedBinaries();
    EmbeddedPostgres postgres = start(port, dataDirectory);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres), "local-postgres-stop"));
    createMissingDatabases(postgres, databases);
    System.out.printf(
        "mcpm: PostgreSQL ready on 127.0.0.1:%d (data %s, databases %s)%n",
        port, dataDirectory, databases);
    // zonky reads the whole binaries archive into the heap on every start; give that memory back
    // (the serial collector uncommits free heap after a full collection) before idling.
    System.gc();
    new CountDownLatch(1).await();
  }

  private static EmbeddedPostgres start(int port, Path dataDirectory) throws IOException {
    return EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setLocaleConfig("locale", "C")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setPGStartupWait(Duration.ofSeconds(60))
        .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
        .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  /**
   * zonky extracts its binaries once into {@code ot.epg.working-dir/PG-<digest>} and marks them
   * with {@code .exists}; a JVM killed during extraction leaves a directory it cannot recover from.
   * Only this process extracts there (./mcpm runs one PostgreSQL), so an unmarked directory is
   * debris.
   */
  private static void removeHalfExtractedBinaries() throws IOException {
    String workingDirectory = System.getProperty("ot.epg.working-dir");
    if (workingDirectory == null || !Files.isDirectory(Path.of(workingDirectory))) {
      return;
    }
    try (Stream<Path> entries = Files.list(Path.of(workingDirectory))) {
      for (Path binaries :
          entries.filter(p -> p.getFileName().toString().startsWith("PG-")).toList()) {
        if (!Files.exists(binaries.resolve(".exists"))) {
          System.out.println("mcpm: removing half-extracted PostgreSQL binaries " + binaries);
          deleteRecursively(binaries);
        }
      }
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static void createMissingDatabases(EmbeddedPostgres postgres, List<String> databases)
      throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
        Statement create = connection.createStatement()) {
      for (String database : databases) {
        createMissingRole(connection, ownerRole(database));
        createMissingRole(connection, database);
        exists.setString(1, database);
        boolean existed;
        try (ResultSet row = exists.executeQuery()) {
          existed = row.next();
        }
        if (existed) {
          try (Connection inDatabase = postgres.getDatabase("postgres", database).getConnection()) {
            moveObjectsToOwner(inDatabase, ownerRole(database));
          }
        } else {
          create.execute("CREATE DATABASE \"" + database + "\"");
          System.out.printf("mcpm: created database %s%n", database);
        }
        create.execute("REVOKE ALL ON DATABASE \"" + database + "\" FROM PUBLIC");
        create.execute("GRANT CONNECT ON DATABASE \"" + database + "\" TO \"" + database + "\"");
        // Last: the launcher counts a database as ready once its owner role owns it.
        create.execute(
            "ALTER DATABASE \"" + database + "\" OWNER TO \"" + ownerRole(database) + "\"");
      }
    }
  }

  /** Flyway migrates as {@code <database>_owner}; the app runs as {@code <database>}. */
  static String ownerRole(String database) {
    return database + "_owner";
  }

  private static void createMissingRole(Connection connection, String role) throws SQLException {
    try (PreparedStatement exists =
        connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      exists.setString(1, role);
      try (ResultSet row = exists.executeQuery()) {
        if (row.next()) {
          return;
        }
      }
    }
    try (Statement create = connection.createStatement()) {
      // Trust authentication on 127.0.0.1: no password. What counts is that the app's role owns
      // nothing, so it cannot alter or drop a table or disable a trigger.
      create.execute("CREATE ROLE \"" + role + "\" LOGIN");
      System.out.printf("mcpm: created role %s%n", role);
    }
  }

  /**
   * A stack from before the owner/runtime split has its tables, sequences and functions owned by
   * {@code postgres}: they move to the owner role (REASSIGN OWNED cannot take the superuser's
   * objects). Tables take their indexes and owned sequences along.
   */
  private static void moveObjectsToOwner(Connection connection, String owner) throws SQLException {
    List<String> changes = new ArrayList<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            """
            SELECT format('ALTER %s %s OWNER TO %I',
                     CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END,
                     c.oid::regclass, ?::text)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'S')
               AND pg_get_userbyid(c.relowner) = 'postgres'
               AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                     WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
            UNION ALL
            SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, ?::text)
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) = 'postgres'
            """)) {
      query.setString(1, owner);
      query.setString(2, owner);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          changes.add(rows.getString(1));
        }
      }
    }
    try (Statement alter = connection.createStatement()) {
      for (String change : changes) {
        alter.execute(change);
      }
    }
    if (!changes.isEmpty()) {
      System.out.printf("mcpm: moved %d objects to role %s%n", changes.size(), owner);
    }
  }

  private static void requireValidDatabaseName(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException("not a plain database name: " + database);
    }
  }

  private static void stop(EmbeddedPostgres postgres) {
    // zonky registers a closing hook of its own; whichever hook runs first stops the server,
    // and the JVM exits only when both hooks are done.
    System.out.println("mcpm: stopping PostgreSQL (fast shutdown)");
    try {
      postgres.close();
    } catch (IOException e) {
      System.err.println("mcpm: could not stop PostgreSQL cleanly: " + e);
    }
  }
}
