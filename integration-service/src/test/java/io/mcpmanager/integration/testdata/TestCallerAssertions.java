package io.mcpmanager.integration.testdata;

import io.mcpmanager.kit.assertion.CallerAssertion;
import io.mcpmanager.kit.assertion.CallerAssertionSigner;
import io.mcpmanager.kit.secrets.TransitSigner;
import io.mcpmanager.testsupport.OpenBaoServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/**
 * Caller assertions as mcp-server-service signs them (its Transit key, here through the test
 * Vault's root token), for the internal credential endpoints.
 */
public final class TestCallerAssertions {

  private static final CallerAssertionSigner MCP_SERVER_SERVICE =
      new CallerAssertionSigner(
          new TransitSigner(
              new VaultTemplate(
                  VaultEndpoint.from(URI.create(OpenBaoServer.shared().address())),
                  new TokenAuthentication(OpenBaoServer.shared().rootToken())),
              "transit"),
          "mcp-server-service-assertions",
          "mcp-server-service",
          Duration.ofSeconds(30),
          Clock.systemUTC());

  private TestCallerAssertions() {}

  public static String forIntegration(String owner, String type) {
    return MCP_SERVER_SERVICE.sign(
        "integration-service",
        owner,
        UUID.randomUUID().toString(),
        CallerAssertion.integrationLink(type));
  }

  public static String forGit(String owner, Object connectionId) {
    return MCP_SERVER_SERVICE.sign(
        "git-connection-service",
        owner,
        UUID.randomUUID().toString(),
        CallerAssertion.gitLink(connectionId.toString()));
  }
}
