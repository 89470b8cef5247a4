package io.mcpmanager.kit.config;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the runtime role (the service's datasource user) may do with the schema the owner role
 * migrated. The kit's default is {@link TableDataGrant}; a service whose tables need less (the
 * append-only audit trail) declares its own bean.
 */
@FunctionalInterface
public interface RuntimeRoleGrant {

  /** Grants to {@code runtimeRole} over the owner's connection, after every migration. */
  void grantTo(String runtimeRole, Connection ownerConnection) throws SQLException;
}
