package io.mcpmanager.auth;

import io.mcpmanager.testsupport.ServiceTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every auth-server Spring test (one shared context): the real server on real
 * infrastructure, being its own issuer. The port is chosen before the context starts because the
 * issuer URI, written into every token, must name it.
 */
@ServiceTest
public abstract class AuthServerTest {

  public static final int PORT = freePort();
  public static final String ISSUER = "http://127.0.0.1:" + PORT;
  public static final String SERVICE_SECRET = "test-service-secret-" + java.util.UUID.randomUUID();

  @DynamicPropertySource
  static void selfIssued(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("mcpm.auth.issuer", () -> ISSUER);
    registry.add("MCPM_CLIENTS_MCP_SERVER_SERVICE_SECRET", () -> SERVICE_SECRET);
    registry.add("MCPM_CLIENTS_INTEGRATION_SERVICE_SECRET", () -> SERVICE_SECRET);
    registry.add("MCPM_CLIENTS_GATEWAY_SECRET", () -> SERVICE_SECRET);
    // Events stay in the outbox where tests read them (the kit's own tests cover the relay).
    registry.add("mcpm.outbox.relay-enabled", () -> false);
    registry.add("mcpm.vault.rotation.enabled", () -> false);
    // Login failures of all test classes come from 127.0.0.1: keep the per-IP limit out of the way.
    registry.add("mcpm.auth.throttle.ip-delay-after-failures", () -> 1000);
    registry.add("mcpm.auth.throttle.ip-max-failures-per-hour", () -> 5000);
    // The same for the endpoint rate limits (EdgeRateLimitTests runs its own context with small
    // ones).
    for (String endpoint : new String[] {"login", "token", "device-authorization"}) {
      registry.add("mcpm.auth.rate-limit." + endpoint + ".capacity", () -> 100_000);
    }
  }

  /**
   * A free port below Linux's ephemeral range (32768+), where the outgoing connections of the many
   * processes on a shared machine take their ports and could grab ours before the server binds.
   */
  private static int freePort() {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20000 + random.nextInt(12000);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another one
      }
    }
    throw new UncheckedIOException(new IOException("no free port between 20000 and 32000"));
  }
}
