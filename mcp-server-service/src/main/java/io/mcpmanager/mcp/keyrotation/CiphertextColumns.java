package io.mcpmanager.mcp.keyrotation;

import io.mcpmanager.kit.secrets.rotation.CiphertextStore;
import io.mcpmanager.kit.secrets.rotation.JdbcCiphertextStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one column of mcp-server-service that holds a ciphertext of its key: the MCP session id of a
 * server's last handshake (context = the server's owner). The manager's signing keys are Transit
 * keys of their own, never stored. A rewrap bumps the server's {@code @Version}.
 */
@Configuration(proxyBeanMethods = false)
class CiphertextColumns {

  @Bean
  CiphertextStore serverSessions(JdbcClient jdbc) {
    return JdbcCiphertextStore.of(jdbc, "mcp_server", "session_ciphertext")
        .ownedBy("owner_id")
        .versioned("version");
  }
}
