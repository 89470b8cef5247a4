package io.mcpmanager.mcp.server;

/** Where a server's manager key lives (Vault Transit); implemented by the keys feature. */
public interface ServerKeyVault {

  /** Creates the server's non-exportable signing key. */
  void create(ManagerKey key);

  /** Deletes the key of a removed server. */
  void destroy(ManagerKey key);
}
