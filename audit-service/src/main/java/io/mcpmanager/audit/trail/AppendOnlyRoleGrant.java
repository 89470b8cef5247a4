package io.mcpmanager.audit.trail;

import io.mcpmanager.kit.config.RuntimeRoleGrant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.springframework.stereotype.Component;

/**
 * The runtime role may read and append to the trail, nothing more: the schema's own {@code
 * audit_grant_service_role} instead of the kit's row privileges on every table, so it can neither
 * UPDATE nor DELETE an entry, nor (not being the owner) disable the triggers that refuse both.
 */
@Component
class AppendOnlyRoleGrant implements RuntimeRoleGrant {

  @Override
  public void grantTo(String runtimeRole, Connection ownerConnection) throws SQLException {
    try (PreparedStatement grant =
        ownerConnection.prepareStatement("SELECT audit_grant_service_role(?)")) {
      grant.setString(1, runtimeRole);
      grant.execute();
    }
  }
}
