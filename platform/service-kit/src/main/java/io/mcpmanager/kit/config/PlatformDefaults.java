package io.mcpmanager.kit.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every service shares, added with the lowest precedence so a service's own
 * application.yml or the environment overrides any of them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

  static final String SOURCE = "mcpmPlatformDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    // Infrastructure addresses of the local stack; the environment names them elsewhere.
    defaults.put("spring.datasource.username", "${DB_USERNAME:postgres}");
    defaults.put("spring.datasource.password", "${DB_PASSWORD:}");
    // Flyway migrates as the role that owns the schema; the service runs as the runtime role above,
    // which gets row privileges only (RuntimeRoleCallback). Unset: one role does both.
    defaults.put(
        "spring.flyway.user", "${DB_OWNER_USERNAME:${spring.datasource.username:postgres}}");
    defaults.put("spring.flyway.password", "${DB_OWNER_PASSWORD:${spring.datasource.password:}}");
    // While PostgreSQL is down a request waits this long for a connection, then gets 503 +
    // Retry-After:
    // well inside the gateway's route timeouts (10-15 s), so the service answers, not the gateway's
    // 504
    // (Hikari's default is 30 s).
    defaults.put("spring.datasource.hikari.connection-timeout", "5000");
    defaults.put("spring.kafka.bootstrap-servers", "${KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:19092}");
    // Each service is its own Kafka principal (SASL/SCRAM, credentials from the environment): the
    // broker's ACLs let it write only its own events topic. PLAINTEXT (embedded test brokers)
    // ignores the SASL settings.
    defaults.put("spring.kafka.security.protocol", "${KAFKA_SECURITY_PROTOCOL:PLAINTEXT}");
    defaults.put("spring.kafka.properties.sasl.mechanism", "${KAFKA_SASL_MECHANISM:SCRAM-SHA-512}");
    defaults.put(
        "spring.kafka.properties.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"${KAFKA_USERNAME:}\" password=\"${KAFKA_PASSWORD:}\";");
    defaults.put("mcpm.vault.uri", "${VAULT_ADDR:http://127.0.0.1:8200}");
    defaults.put("mcpm.vault.token", "${VAULT_TOKEN:}");
    // AppRole login (the local stack, compose): takes precedence over a token when a role id is
    // set.
    defaults.put("mcpm.vault.app-role.role-id", "${VAULT_ROLE_ID:}");
    defaults.put("mcpm.vault.app-role.secret-id", "${VAULT_SECRET_ID:}");
    defaults.put("mcpm.security.issuer-uri", "${AUTH_ISSUER_URI:http://127.0.0.1:9000}");
    // A service accepts only tokens naming it: a person's (auth-server names every service in
    // them) or one another service got for this callee.
    defaults.put("mcpm.security.audience", "${spring.application.name:}");
    // Eureka requires HTTP basic: the client sends the userinfo of this URL with every call. The
    // password comes only from the environment (or Vault); the redactor masks it in any log line.
    defaults.put(
        "eureka.client.service-url.defaultZone",
        "http://${MCPM_DISCOVERY_USERNAME:discovery}:${MCPM_DISCOVERY_PASSWORD:}"
            + "@${MCPM_DISCOVERY_ADDRESS:127.0.0.1:8761}/eureka/");
    // Register the loopback address: the machine's external one is not reachable from the stack.
    defaults.put("eureka.instance.prefer-ip-address", "true");
    defaults.put("eureka.instance.ip-address", "${MCPM_ADVERTISED_ADDRESS:127.0.0.1}");
    defaults.put("eureka.instance.hostname", "${MCPM_ADVERTISED_ADDRESS:127.0.0.1}");
    defaults.put("eureka.instance.lease-renewal-interval-in-seconds", "10");
    // Schema belongs to Flyway; JSON is strict and snake_case, like the frontend expects.
    defaults.put("spring.jpa.hibernate.ddl-auto", "validate");
    defaults.put("spring.jpa.open-in-view", "false");
    defaults.put("spring.jackson.deserialization.fail-on-unknown-properties", "true");
    defaults.put("spring.jackson.property-naming-strategy", "SNAKE_CASE");
    // OpenAPI 3.1 documents of the public API only (internal endpoints are service-to-service).
    defaults.put("springdoc.api-docs.version", "openapi_3_1");
    defaults.put("springdoc.paths-to-match", "/api/**");
    defaults.put("springdoc.writer-with-order-by-keys", "true");
    // X-Forwarded-For/-Proto count only from the gateway (Tomcat's RemoteIpValve, CIDR list):
    // anyone else who reaches a service directly is recorded by the connection's own address.
    defaults.put("server.forward-headers-strategy", "native");
    defaults.put(
        "server.tomcat.remoteip.internal-proxies",
        "${MCPM_SERVICE_TRUSTED_PROXIES:127.0.0.0/8,::1/128}");
    defaults.put("server.shutdown", "graceful");
    // RestClient builders keep the JDK client: httpclient5 is on the class path only for the
    // outbound guard's pinned connections, and would otherwise be picked for every client.
    defaults.put("spring.http.clients.imperative.factory", "jdk");
    defaults.put("server.tomcat.max-swallow-size", "2MB");
    defaults.put("spring.servlet.multipart.enabled", "false");
    defaults.put("spring.kafka.producer.acks", "all");
    defaults.put("spring.kafka.producer.properties.enable.idempotence", "true");
    defaults.put("spring.kafka.producer.properties.delivery.timeout.ms", "8000");
    defaults.put("spring.kafka.producer.properties.request.timeout.ms", "5000");
    defaults.put("spring.kafka.producer.properties.max.block.ms", "5000");
    defaults.put("spring.kafka.producer.properties.linger.ms", "2");
    // Operations: health groups and Prometheus on the management port, structured logs.
    defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
    defaults.put("management.endpoint.health.probes.enabled", "true");
    defaults.put("management.endpoint.health.show-details", "never");
    defaults.put("management.metrics.tags.application", "${spring.application.name}");
    // Buckets for the dashboards' latency percentiles, aggregated across instances in Prometheus.
    defaults.put(
        "management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
    defaults.put("management.tracing.sampling.probability", "0.1");
    defaults.put("logging.structured.format.console", "ecs");
    defaults.put(
        "logging.structured.json.customizer",
        "io.mcpmanager.redaction.RedactingJsonMembersCustomizer");
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
  }
}
