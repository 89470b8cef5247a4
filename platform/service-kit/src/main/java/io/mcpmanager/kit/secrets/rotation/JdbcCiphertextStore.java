package io.mcpmanager.kit.secrets.rotation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A ciphertext column of a table with a single-column key, read and written with plain SQL.
 *
 * <pre>{@code
 * JdbcCiphertextStore.of(jdbc, "git_connection", "access_token_enc")
 *     .ownedBy("owner_id")        // or .ownedByAll("auth-server-signing-keys")
 *     .versioned("version");      // bumps the @Version column so a stale entity cannot write back
 * }</pre>
 *
 * The key version is parsed in SQL ({@code vault:v3:...} → 3), so counting and selecting need no
 * extra column; batches walk the primary key index.
 */
public final class JdbcCiphertextStore implements CiphertextStore {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final String VERSION_OF = "substring(%s from '^vault:v([0-9]+):')::int";

  private final JdbcClient jdbc;
  private final String table;
  private final String column;
  private final String idColumn;
  private final @Nullable String ownerColumn;
  private final @Nullable String fixedOwner;
  private final @Nullable String versionColumn;

  private JdbcCiphertextStore(
      JdbcClient jdbc,
      String table,
      String column,
      String idColumn,
      @Nullable String ownerColumn,
      @Nullable String fixedOwner,
      @Nullable String versionColumn) {
    this.jdbc = jdbc;
    this.table = identifier(table);
    this.column = identifier(column);
    this.idColumn = identifier(idColumn);
    this.ownerColumn = ownerColumn == null ? null : identifier(ownerColumn);
    this.fixedOwner = fixedOwner;
    this.versionColumn = versionColumn == null ? null : identifier(versionColumn);
  }

  /** The column {@code column} of {@code table}, keyed by {@code id}; say whose it is next. */
  public static JdbcCiphertextStore of(JdbcClient jdbc, String table, String column) {
    return new JdbcCiphertextStore(jdbc, table, column, "id", null, null, null);
  }

  /** The key column, when it is not {@code id}. */
  public JdbcCiphertextStore keyedBy(String idColumn) {
    return new JdbcCiphertextStore(
        jdbc, table, column, idColumn, ownerColumn, fixedOwner, versionColumn);
  }

  /** Each row's Transit context is the value of {@code ownerColumn}. */
  public JdbcCiphertextStore ownedBy(String ownerColumn) {
    return new JdbcCiphertextStore(jdbc, table, column, idColumn, ownerColumn, null, versionColumn);
  }

  /** Every row was encrypted with the same Transit context. */
  public JdbcCiphertextStore ownedByAll(String owner) {
    return new JdbcCiphertextStore(jdbc, table, column, idColumn, null, owner, versionColumn);
  }

  /**
   * The optimistic-lock column to increment with each rewrap, so an entity loaded before it fails
   * to save instead of writing the old ciphertext back.
   */
  public JdbcCiphertextStore versioned(String versionColumn) {
    return new JdbcCiphertextStore(
        jdbc, table, column, idColumn, ownerColumn, fixedOwner, versionColumn);
  }

  @Override
  public String name() {
    return table + "." + column;
  }

  @Override
  public Map<Integer, Long> countByKeyVersion() {
    String version = VERSION_OF.formatted(column);
    return jdbc
        .sql(
            "SELECT "
                + version
                + " AS key_version, count(*) AS n FROM "
                + table
                + " WHERE "
                + column
                + " IS NOT NULL GROUP BY 1")
        .query((rs, i) -> Map.entry(rs.getInt("key_version"), rs.getLong("n")))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum));
  }

  @Override
  public List<StoredCiphertext> nextBelow(int version, @Nullable Object afterId, int limit) {
    String owner = ownerColumn == null ? "" : ", " + ownerColumn + " AS owner";
    String sql =
        "SELECT "
            + idColumn
            + " AS id, "
            + column
            + " AS ciphertext"
            + owner
            + " FROM "
            + table
            + " WHERE "
            + column
            + " IS NOT NULL AND "
            + VERSION_OF.formatted(column)
            + " < :version"
            + (afterId == null ? "" : " AND " + idColumn + " > :after")
            + " ORDER BY "
            + idColumn
            + " LIMIT :limit";
    JdbcClient.StatementSpec statement =
        jdbc.sql(sql).param("version", version).param("limit", limit);
    if (afterId != null) {
      statement = statement.param("after", afterId);
    }
    return statement
        .query(
            (rs, i) ->
                new StoredCiphertext(
                    rs.getObject("id"),
                    ownerColumn == null
                        ? Objects.requireNonNull(fixedOwner, "say whose the rows are")
                        : rs.getString("owner"),
                    rs.getString("ciphertext")))
        .list();
  }

  @Override
  public boolean replace(StoredCiphertext stored, String rewrapped) {
    String bump =
        versionColumn == null ? "" : ", " + versionColumn + " = " + versionColumn + " + 1";
    return jdbc.sql(
                "UPDATE "
                    + table
                    + " SET "
                    + column
                    + " = :rewrapped"
                    + bump
                    + " WHERE "
                    + idColumn
                    + " = :id AND "
                    + column
                    + " = :old")
            .param("rewrapped", rewrapped)
            .param("id", stored.id())
            .param("old", stored.ciphertext())
            .update()
        == 1;
  }

  /** Names come from code, never from input; still, only plain identifiers reach the SQL. */
  private static String identifier(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain SQL identifier: " + name);
    }
    return name;
  }

  @Override
  public String toString() {
    return "JdbcCiphertextStore[" + name() + "]";
  }
}
