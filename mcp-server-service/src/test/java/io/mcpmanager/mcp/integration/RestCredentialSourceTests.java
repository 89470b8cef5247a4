package io.mcpmanager.mcp.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.kit.assertion.CallerAssertionSigner;
import io.mcpmanager.kit.assertion.CallerAssertionVerifier;
import io.mcpmanager.kit.client.ServiceClientAutoConfiguration;
import io.mcpmanager.kit.secrets.TransitSigner;
import io.mcpmanager.mcp.config.McpProperties;
import io.mcpmanager.mcp.testdata.TestServiceWiring;
import io.mcpmanager.testsupport.OpenBaoServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.BlockingLoadBalancerClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/**
 * How the credential source fails when what it needs is missing: each case is a 503 ({@link
 * CredentialSourceUnavailableException}), never a 500 or a call without a token.
 */
class RestCredentialSourceTests {

  private final String upstreams = TestServiceWiring.upstreams().baseUrl();

  private static final UUID SERVER = UUID.randomUUID();

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ServiceClientAutoConfiguration.class,
                  RestClientAutoConfiguration.class,
                  UtilAutoConfiguration.class,
                  SimpleDiscoveryClientAutoConfiguration.class,
                  CompositeDiscoveryClientAutoConfiguration.class,
                  org.springframework.cloud.client.loadbalancer.LoadBalancerAutoConfiguration.class,
                  org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration.class,
                  BlockingLoadBalancerClientAutoConfiguration.class))
          .withUserConfiguration(Properties.class, CredentialSourceConfiguration.class)
          .withBean(Clock.class, Clock::systemUTC)
          .withBean(
              CallerAssertionSigner.class,
              () ->
                  new CallerAssertionSigner(
                      new TransitSigner(
                          new VaultTemplate(
                              VaultEndpoint.from(URI.create(OpenBaoServer.shared().address())),
                              new TokenAuthentication(OpenBaoServer.shared().rootToken())),
                          "transit"),
                      "mcp-server-service-assertions",
                      "mcp-server-service",
                      Duration.ofSeconds(30),
                      Clock.systemUTC()));

  @EnableConfigurationProperties(McpProperties.class)
  @Configuration(proxyBeanMethods = false)
  static class Properties {}

  /** The service client of the shared test wiring; only integration-service is registered. */
  private ApplicationContextRunner withClient(String secret) {
    return contexts.withPropertyValues(
        "mcpm.client.id=" + TestServiceWiring.SERVICE_CLIENT,
        "mcpm.client.secret=" + secret,
        "mcpm.client.token-uri=" + upstreams + "/oauth2/token",
        "spring.cloud.discovery.client.simple.instances.integration-service[0].uri=" + upstreams);
  }

  @Test
  void shouldReachARegisteredServiceByItsEurekaName() {
    TestServiceWiring.upstreams()
        .stubFor(
            get("/internal/integrations/reg-owner/notion/status")
                // the caller assertion travels with every call
                .withHeader(CallerAssertionVerifier.HEADER, matching("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .willReturn(okJson("{\"status\":\"active\",\"valid\":true}")));

    withClient("test-only-client-secret")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(CredentialSource.class)
                            .integrationStatus(SERVER, "reg-owner", "notion")
                            .valid())
                    .isTrue());
  }

  @Test
  void shouldBeUnavailableWhenTheOwningServiceHasNoRegisteredInstance() {
    withClient("test-only-client-secret")
        .run(
            context ->
                assertThatThrownBy(
                        () ->
                            context
                                .getBean(CredentialSource.class)
                                .gitCredential(SERVER, "owner", "c-1"))
                    .isInstanceOf(CredentialSourceUnavailableException.class)
                    .hasMessageContaining("git-connection-service"));
  }

  @Test
  void shouldBeUnavailableWhenAuthServerGrantsNoToken() {
    withClient("not-the-secret")
        .run(
            context ->
                assertThatThrownBy(
                        () ->
                            context
                                .getBean(CredentialSource.class)
                                .integrationCredential(SERVER, "owner", "notion"))
                    .isInstanceOf(CredentialSourceUnavailableException.class)
                    .hasMessageContaining("auth-server"));
  }

  @Test
  void shouldBeUnavailableWithoutAServiceClient() {
    contexts.run(
        context -> {
          assertThat(context.getBean(CredentialSource.class))
              .isInstanceOf(NoServiceClientCredentialSource.class);
          assertThatThrownBy(
                  () ->
                      context
                          .getBean(CredentialSource.class)
                          .integrationStatus(SERVER, "owner", "notion"))
              .isInstanceOf(CredentialSourceUnavailableException.class)
              .hasMessageContaining("MCPM_CLIENT_ID");
        });
  }
}
