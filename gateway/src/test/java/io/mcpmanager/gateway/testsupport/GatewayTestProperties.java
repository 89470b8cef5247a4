package io.mcpmanager.gateway.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration every gateway under test runs with: Eureka off, services resolved through
 * Spring Cloud's simple discovery client, WireMock as issuer and backend, short timeouts.
 *
 * <ul>
 *   <li>integration-service, mcp-server-service and auth-server: the WireMock backend
 *   <li>audit-service: a port nobody listens on (connection refused)
 *   <li>git-connection-service: no instance at all
 * </ul>
 */
public final class GatewayTestProperties {

  /** The per-route response timeout in tests. */
  public static final int RESPONSE_TIMEOUT_MS = 1500;

  public static final int DEFAULT_CAPACITY = 5;

  /** One token back every this many milliseconds. */
  public static final int DEFAULT_REFILL_PERIOD_MS = 5_000;

  public static final int SENSITIVE_CAPACITY = 2;

  private static final int REFUSING_PORT = FreePorts.next();

  private GatewayTestProperties() {}

  public static Map<String, Object> common() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("eureka.client.enabled", "false");
    properties.put(
        "spring.cloud.discovery.client.simple.instances.integration-service[0].uri",
        TestBackend.baseUrl());
    properties.put(
        "spring.cloud.discovery.client.simple.instances.mcp-server-service[0].uri",
        TestBackend.baseUrl());
    properties.put(
        "spring.cloud.discovery.client.simple.instances.auth-server[0].uri", TestBackend.baseUrl());
    properties.put(
        "spring.cloud.discovery.client.simple.instances.audit-service[0].uri",
        "http://127.0.0.1:" + REFUSING_PORT);
    properties.put("mcpm.gateway.security.issuer-uri", TestIssuer.shared().issuerUri());
    // mcpm.gateway.security.audiences keeps its default: the user-facing audience, mcpm-api.
    properties.put("mcpm.gateway.pat.client-secret", TestIssuer.GATEWAY_CLIENT_SECRET);
    properties.put("mcpm.gateway.pat.usage-flush-interval", "200ms");
    for (String route :
        new String[] {
          "integration-service",
          "git-connection-service",
          "mcp-server-service",
          "audit-service",
          "auth-server"
        }) {
      properties.put("mcpm.gateway.timeouts." + route + "-ms", RESPONSE_TIMEOUT_MS);
    }
    properties.put("mcpm.gateway.timeouts.connect-ms", 1000);
    properties.put("mcpm.gateway.upstream.retry-after", "7s");
    properties.put("mcpm.gateway.rate-limit.default-policy.capacity", DEFAULT_CAPACITY);
    properties.put("mcpm.gateway.rate-limit.default-policy.refill-tokens", 1);
    properties.put(
        "mcpm.gateway.rate-limit.default-policy.refill-period", DEFAULT_REFILL_PERIOD_MS + "ms");
    properties.put("mcpm.gateway.rate-limit.sensitive-policy.capacity", SENSITIVE_CAPACITY);
    properties.put("mcpm.gateway.rate-limit.sensitive-policy.refill-tokens", 1);
    properties.put("mcpm.gateway.rate-limit.sensitive-policy.refill-period", "1m");
    // audit-service refuses connections: let its circuit open after three failures.
    properties.put("resilience4j.circuitbreaker.configs.audit-service.sliding-window-size", 3);
    properties.put("resilience4j.circuitbreaker.configs.audit-service.minimum-number-of-calls", 3);
    properties.put("resilience4j.circuitbreaker.configs.audit-service.failure-rate-threshold", 50);
    properties.put(
        "resilience4j.circuitbreaker.configs.audit-service.wait-duration-in-open-state", "60s");
    properties.put("management.tracing.sampling.probability", "1.0");
    return properties;
  }
}
