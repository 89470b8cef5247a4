package io.mcpmanager.kit.config;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After every migration (the service's own and each shared module's), the owner role that ran it
 * grants the runtime role what {@link RuntimeRoleGrant} says, so tables a migration adds are usable
 * at once and the runtime role never owns, alters or drops any. Nothing to do when both are one
 * role (tests and single-role setups as the superuser).
 */
public class RuntimeRoleCallback implements Callback {

  private static final Logger log = LoggerFactory.getLogger(RuntimeRoleCallback.class);

  private final String runtimeRole;
  private final RuntimeRoleGrant grant;

  public RuntimeRoleCallback(String runtimeRole, RuntimeRoleGrant grant) {
    this.runtimeRole = runtimeRole;
    this.grant = grant;
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    Connection connection = context.getConnection();
    try {
      String owner = currentUser(connection);
      if (runtimeRole.isBlank() || owner.equals(runtimeRole)) {
        return;
      }
      grant.grantTo(runtimeRole, connection);
      log.info("Granted runtime role {} its privileges as owner {}", runtimeRole, owner);
    } catch (SQLException e) {
      throw new FlywayException("could not grant the runtime role " + runtimeRole, e);
    }
  }

  @Override
  public String getCallbackName() {
    return "runtime-role-grant";
  }

  private static String currentUser(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_user")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
