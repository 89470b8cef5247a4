package io.mcpmanager.integration.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.config.IntegrationConfiguration;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Every provider adapter against a stand-in that answers like the provider's documentation. */
class ProviderValidatorTests {

  @RegisterExtension
  static WireMockExtension provider =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** What the stand-in answers, and what the adapter must conclude. */
  enum Scenario {
    VALID(ProviderFixture::valid, ValidationResult.Verdict.VALID, null),
    INVALID(
        ProviderFixture::invalid,
        ValidationResult.Verdict.REJECTED,
        ValidationResult.Problem.INVALID_CREDENTIALS),
    INSUFFICIENT_SCOPE(
        ProviderFixture::insufficientScope,
        ValidationResult.Verdict.REJECTED,
        ValidationResult.Problem.INSUFFICIENT_SCOPE),
    RATE_LIMITED(
        ProviderFixture::rateLimited,
        ValidationResult.Verdict.INCONCLUSIVE,
        ValidationResult.Problem.PROVIDER_RATE_LIMITED),
    UNAVAILABLE(
        ProviderFixture::unavailable,
        ValidationResult.Verdict.INCONCLUSIVE,
        ValidationResult.Problem.PROVIDER_UNAVAILABLE);

    final Function<ProviderFixture, ResponseDefinitionBuilder> response;
    final ValidationResult.Verdict verdict;
    final ValidationResult.Problem reason;

    Scenario(
        Function<ProviderFixture, ResponseDefinitionBuilder> response,
        ValidationResult.Verdict verdict,
        ValidationResult.Problem reason) {
      this.response = response;
      this.verdict = verdict;
      this.reason = reason;
    }
  }

  static Stream<Arguments> providersAndScenarios() {
    return ProviderFixture.all().stream()
        .flatMap(p -> Arrays.stream(Scenario.values()).map(s -> Arguments.of(p, s)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("providersAndScenarios")
  void shouldMapTheProvidersAnswer(ProviderFixture fixture, Scenario scenario) {
    provider.stubFor(fixture.request().get().willReturn(scenario.response.apply(fixture)));

    ValidationResult result =
        check(Duration.ofSeconds(2))
            .check(fixture.validator().type(), ProviderFixture.TOKEN, fixture.meta());

    assertThat(result.verdict()).isEqualTo(scenario.verdict);
    assertThat(result.reason()).isEqualTo(scenario.reason);
    if (scenario == Scenario.RATE_LIMITED) {
      assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(17));
    }
    String outcome =
        switch (scenario.verdict) {
          case VALID -> "valid";
          case REJECTED -> "invalid";
          case INCONCLUSIVE -> "error";
        };
    assertThat(
            meters
                .get("mcpm.integration.validation")
                .tag("provider", fixture.validator().type().value())
                .tag("outcome", outcome)
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(meters.find("mcpm.integration.validation").timers())
        .as("every provider x outcome from the start")
        .hasSize(3 * ProviderFixture.all().size());
  }

  @Test
  void shouldTreatAProviderThatDoesNotAnswerInTimeAsUnavailable() {
    ProviderFixture notion = ProviderFixture.notion();
    provider.stubFor(notion.request().get().willReturn(notion.valid().withFixedDelay(1500)));

    ValidationResult result =
        check(Duration.ofMillis(500))
            .check(IntegrationType.NOTION, ProviderFixture.TOKEN, Map.of());

    assertThat(result.reason()).isEqualTo(ValidationResult.Problem.PROVIDER_UNAVAILABLE);
  }

  @Test
  void shouldHonourARetryAfterGivenAsAnHttpDate() {
    Instant now = Instant.parse("2026-11-25T04:00:00Z");
    ProviderCheck check =
        new ProviderCheck(
            List.of(new OpenAiValidator()),
            IntegrationConfiguration.providerClient(properties(Duration.ofSeconds(1))),
            properties(Duration.ofSeconds(1)),
            meters,
            JsonMapper.builder().build(),
            Clock.fixed(now, ZoneOffset.UTC),
            JIRA_SITES);
    String inTwoMinutes =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(now.plusSeconds(120), ZoneOffset.UTC));

    assertThat(check.retryAfter(inTwoMinutes)).isEqualTo(Duration.ofSeconds(120));
    assertThat(check.retryAfter("garbage")).isEqualTo(ProviderCheck.DEFAULT_RETRY_AFTER);
  }

  @Test
  void shouldNotFollowARedirectThatCouldCarryTheCredentialElsewhere() {
    provider.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                aResponse()
                    .withStatus(302)
                    .withHeader("Location", "https://attacker.example/collect")));

    ValidationResult result =
        check(Duration.ofSeconds(2)).check(IntegrationType.OPENAI, ProviderFixture.TOKEN, Map.of());

    assertThat(result.isValid()).isFalse();
    assertThat(result.reason()).isEqualTo(ValidationResult.Problem.PROVIDER_UNAVAILABLE);
  }

  private static final JiraSites JIRA_SITES =
      new JiraSites(
          new io.mcpmanager.kit.outbound.OutboundHttp(
              new io.mcpmanager.kit.outbound.OutboundGuard(
                  io.mcpmanager.kit.outbound.OutboundProperties.defaults(),
                  host ->
                      List.of(
                          java.net.InetAddress.getByName(
                              host.startsWith("intranet") ? "10.0.0.7" : "93.184.215.14")))),
          List.of("jira.corp.example", "intranet-jira.corp.example"));

  @Test
  void shouldOnlyCallAtlassianSitesOrOperatorAllowedSelfHostedJira() {
    assertThat(JIRA_SITES.clientFor("https://acme.atlassian.net")).isNotNull();
    assertThat(JIRA_SITES.clientFor("https://jira.corp.example")).isNotNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JIRA_SITES.clientFor("https://attacker.example"))
        .isInstanceOf(io.mcpmanager.kit.outbound.OutboundRefusedException.class)
        .hasMessageContaining("atlassian.net");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JIRA_SITES.clientFor("https://intranet-jira.corp.example"))
        .isInstanceOf(io.mcpmanager.kit.outbound.OutboundRefusedException.class)
        .hasMessage("url resolves to a private address");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> JIRA_SITES.clientFor("http://acme.atlassian.net"))
        .isInstanceOf(io.mcpmanager.kit.outbound.OutboundRefusedException.class)
        .hasMessage("url must use https");
  }

  private ProviderCheck check(Duration timeout) {
    IntegrationProperties properties = properties(timeout);
    List<ProviderValidator> validators =
        ProviderFixture.all().stream().map(ProviderFixture::validator).toList();
    return new ProviderCheck(
        validators,
        IntegrationConfiguration.providerClient(properties),
        properties,
        meters,
        JsonMapper.builder().build(),
        Clock.systemUTC(),
        JIRA_SITES);
  }

  private IntegrationProperties properties(Duration timeout) {
    Map<String, IntegrationProperties.Provider> providers = new HashMap<>();
    for (IntegrationType type : IntegrationType.values()) {
      providers.put(type.value(), new IntegrationProperties.Provider(provider.baseUrl()));
    }
    return new IntegrationProperties(
        providers,
        new IntegrationProperties.Validation(timeout, 100, 300),
        null,
        null,
        null,
        null,
        null,
        null,
        2048);
  }
}
