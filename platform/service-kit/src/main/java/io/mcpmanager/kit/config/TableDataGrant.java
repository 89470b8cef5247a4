package io.mcpmanager.kit.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rows, not structure: SELECT, INSERT, UPDATE and DELETE on every table and use of every sequence
 * of the current schema, and nothing the owner alone may do (ALTER, DROP, TRUNCATE, triggers).
 */
public class TableDataGrant implements RuntimeRoleGrant {

  @Override
  public void grantTo(String runtimeRole, Connection ownerConnection) throws SQLException {
    String role = quoted(ownerConnection, runtimeRole);
    try (Statement s = ownerConnection.createStatement()) {
      String schema = quoted(ownerConnection, currentSchema(s));
      s.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
      s.execute(
          "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
      s.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role);
    }
  }

  private static String currentSchema(Statement s) throws SQLException {
    try (var rs = s.executeQuery("SELECT current_schema()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The identifier quoted by PostgreSQL itself (role names come from configuration). */
  static String quoted(Connection connection, String identifier) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement("SELECT quote_ident(?)")) {
      p.setString(1, identifier);
      try (var rs = p.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
