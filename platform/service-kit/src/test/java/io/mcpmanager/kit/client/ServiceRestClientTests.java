package io.mcpmanager.kit.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.mcpmanager.kit.security.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.BlockingLoadBalancerClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.client.RestClient;

/**
 * The service-to-service client against a stand-in token endpoint and a stand-in callee found
 * through discovery: the token is fetched once, reused, replaced after expiry and sent as bearer.
 */
class ServiceRestClientTests {

  private static final String INTEGRATIONS = "lb://integration-service/internal/ping";

  @RegisterExtension
  static WireMockExtension issuer =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension callee =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

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
          .withUserConfiguration(KitParts.class)
          .withBean(Clock.class, Clock::systemUTC);

  @EnableConfigurationProperties(SecurityProperties.class)
  @Configuration(proxyBeanMethods = false)
  static class KitParts {}

  /** A component of a service that calls another service, and also a third party. */
  static class Caller {
    final RestClient services;
    final RestClient.Builder plain;

    Caller(@ServiceRestClient RestClient.Builder services, @Autowired RestClient.Builder plain) {
      this.services = services.build();
      this.plain = plain;
    }

    String ping() {
      return services.get().uri(INTEGRATIONS).retrieve().body(String.class);
    }
  }

  private ApplicationContextRunner configured() {
    return contexts
        .withUserConfiguration(Caller.class)
        .withPropertyValues(
            "mcpm.security.issuer-uri=" + issuer.baseUrl(),
            "mcpm.client.id=mcp-server-service",
            "mcpm.client.secret=test-secret",
            "mcpm.client.scopes=integrations.broker,git.broker",
            "mcpm.client.clock-skew=0s",
            "spring.cloud.discovery.client.simple.instances.integration-service[0].uri="
                + callee.baseUrl());
  }

  private static void tokenEndpointAnswers(
      String scenarioState, String nextState, String token, int expiresIn) {
    issuer.stubFor(
        post("/oauth2/token")
            .inScenario("tokens")
            .whenScenarioStateIs(scenarioState)
            .willReturn(
                okJson(
                    """
            {"access_token": "%s", "token_type": "Bearer", "expires_in": %d,
             "scope": "integrations.broker git.broker"}"""
                        .formatted(token, expiresIn)))
            .willSetStateTo(nextState));
  }

  @BeforeEach
  void stubCallee() {
    callee.stubFor(get("/internal/ping").willReturn(aResponse().withStatus(200).withBody("pong")));
  }

  @Test
  void shouldFetchTheTokenOnceAndSendItAsBearerToTheCalleeFoundThroughDiscovery() {
    tokenEndpointAnswers(Scenario.STARTED, "second", "token-one", 300);
    tokenEndpointAnswers("second", "third", "token-two", 300);

    configured()
        .run(
            context -> {
              Caller caller = context.getBean(Caller.class);
              assertThat(caller.ping()).isEqualTo("pong");
              assertThat(caller.ping()).isEqualTo("pong");
            });

    issuer.verify(
        1,
        postRequestedFor(urlEqualTo("/oauth2/token"))
            .withHeader(
                "Authorization",
                equalTo(
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                "mcp-server-service:test-secret".getBytes(StandardCharsets.UTF_8))))
            .withRequestBody(containing("grant_type=client_credentials"))
            .withRequestBody(containing("scope=integrations.broker"))
            .withRequestBody(containing("resource=http%3A%2F%2Fintegration-service")));
    callee.verify(
        2,
        getRequestedFor(urlEqualTo("/internal/ping"))
            .withHeader("Authorization", equalTo("Bearer token-one")));
  }

  @Test
  void shouldAskForATokenPerCalleeNamingThatCalleeAsResource() {
    issuer.stubFor(
        post("/oauth2/token")
            .withRequestBody(containing("resource=http%3A%2F%2Fintegration-service"))
            .willReturn(okJson(tokenResponse("for-integrations"))));
    issuer.stubFor(
        post("/oauth2/token")
            .withRequestBody(containing("resource=http%3A%2F%2Fgit-connection-service"))
            .willReturn(okJson(tokenResponse("for-git"))));
    callee.stubFor(get("/internal/git").willReturn(aResponse().withStatus(200).withBody("git")));

    configured()
        .withPropertyValues(
            "spring.cloud.discovery.client.simple.instances.git-connection-service[0].uri="
                + callee.baseUrl())
        .run(
            context -> {
              Caller caller = context.getBean(Caller.class);
              assertThat(caller.ping()).isEqualTo("pong");
              assertThat(
                      caller
                          .services
                          .get()
                          .uri("lb://git-connection-service/internal/git")
                          .retrieve()
                          .body(String.class))
                  .isEqualTo("git");
            });

    issuer.verify(2, postRequestedFor(urlEqualTo("/oauth2/token")));
    callee.verify(
        getRequestedFor(urlEqualTo("/internal/ping"))
            .withHeader("Authorization", equalTo("Bearer for-integrations")));
    callee.verify(
        getRequestedFor(urlEqualTo("/internal/git"))
            .withHeader("Authorization", equalTo("Bearer for-git")));
  }

  private static String tokenResponse(String token) {
    return """
        {"access_token": "%s", "token_type": "Bearer", "expires_in": 300}"""
        .formatted(token);
  }

  @Test
  void shouldFetchANewTokenOnceTheCachedOneHasExpired() {
    tokenEndpointAnswers(Scenario.STARTED, "second", "short-lived", 1);
    tokenEndpointAnswers("second", "third", "fresh", 300);

    configured()
        .run(
            context -> {
              Caller caller = context.getBean(Caller.class);
              caller.ping();
              Instant firstFetch = Instant.now();
              await()
                  .atMost(Duration.ofSeconds(5))
                  .until(() -> Instant.now().isAfter(firstFetch.plusMillis(1500)));
              caller.ping();
              caller.ping();
            });

    issuer.verify(2, postRequestedFor(urlEqualTo("/oauth2/token")));
    callee.verify(
        1,
        getRequestedFor(urlEqualTo("/internal/ping"))
            .withHeader("Authorization", equalTo("Bearer short-lived")));
    callee.verify(
        2,
        getRequestedFor(urlEqualTo("/internal/ping"))
            .withHeader("Authorization", equalTo("Bearer fresh")));
  }

  @Test
  void shouldLeaveOrdinaryRestClientBuildersWithoutToken() {
    tokenEndpointAnswers(Scenario.STARTED, "second", "token-one", 300);

    configured()
        .run(
            context -> {
              RestClient thirdParty = context.getBean(Caller.class).plain.build();
              assertThat(
                      thirdParty
                          .get()
                          .uri(callee.baseUrl() + "/internal/ping")
                          .retrieve()
                          .body(String.class))
                  .isEqualTo("pong");
            });

    callee.verify(
        1, getRequestedFor(urlEqualTo("/internal/ping")).withHeader("Authorization", absent()));
    issuer.verify(0, postRequestedFor(urlEqualTo("/oauth2/token")));
  }

  @Test
  void shouldStayInactiveWithoutAClientId() {
    contexts.run(
        context -> {
          assertThat(context).doesNotHaveBean(OAuth2AuthorizedClientManager.class);
          assertThat(context).doesNotHaveBean(ServiceClientProperties.class);
        });
  }
}
