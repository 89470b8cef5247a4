package io.mcpmanager.auth;

import io.mcpmanager.testsupport.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that need auth-server's production-like small buckets and short schedules: a
 * context of its own (random port), so the shared context's many requests from loopback stay
 * unlimited. No token is issued here, so the issuer need not name the port. It also runs the policy
 * that administrators must use a second factor.
 */
@ServiceTest
public abstract class SmallLimitsAuthServerTest {

  public static final int CAPACITY = 3;

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void smallBucketsAndShortSchedules(DynamicPropertyRegistry registry) {
    registry.add("mcpm.auth.issuer", () -> "http://127.0.0.1:9000");
    registry.add("mcpm.outbox.relay-enabled", () -> false);
    for (String endpoint : new String[] {"login", "token", "device-authorization"}) {
      registry.add("mcpm.auth.rate-limit." + endpoint + ".capacity", () -> CAPACITY);
      registry.add("mcpm.auth.rate-limit." + endpoint + ".refill-period", () -> "1h");
    }
    registry.add("mcpm.auth.authorizations.purge-interval", () -> "1s");
    // Administrators must use a second factor (MfaPolicyTests); nobody else here signs in.
    registry.add("mcpm.auth.mfa.required", () -> "admins");
  }
}
