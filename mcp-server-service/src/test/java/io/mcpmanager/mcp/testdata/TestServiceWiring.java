package io.mcpmanager.mcp.testdata;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.mcpmanager.mcp.config.McpProperties;
import io.mcpmanager.mcp.integration.CredentialSource;
import io.mcpmanager.mcp.integration.RestCredentialSource;
import io.mcpmanager.mcp.integration.ServiceTokenSupplier;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.net.URI;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.client.RestClient;

/**
 * Test wiring shared by every test context: WireMock stands in for integration-service's and
 * git-connection-service's internal APIs (a contract test of {@link RestCredentialSource}), and the
 * test issuer supplies this service's client-credentials token.
 */
@Configuration(proxyBeanMethods = false)
public class TestServiceWiring {

  public static final String SERVICE_CLIENT = "mcp-server-service";
  private static WireMockServer upstreams;

  /** One WireMock for both internal APIs (their paths do not overlap). */
  public static synchronized WireMockServer upstreams() {
    if (upstreams == null) {
      upstreams = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
      upstreams.start();
    }
    return upstreams;
  }

  @Bean
  @Primary
  ServiceTokenSupplier testServiceTokens() {
    return () -> TestJwtIssuer.shared().serviceToken(SERVICE_CLIENT, "integrations.broker", "git.broker");
  }

  @Bean
  @Primary
  CredentialSource wireMockCredentialSource(RestClient.Builder builder, ServiceTokenSupplier testServiceTokens) {
    URI base = URI.create(upstreams().baseUrl());
    return new RestCredentialSource(builder,
        new McpProperties.Broker(Duration.ofMinutes(5), Duration.ofSeconds(30), base, base, Duration.ofSeconds(3)),
        testServiceTokens);
  }
}
