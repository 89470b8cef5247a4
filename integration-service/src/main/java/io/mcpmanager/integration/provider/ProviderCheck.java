package io.mcpmanager.integration.provider;

import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks a provider whether a credential works and maps the answer: 2xx valid, 401 invalid
 * credentials, 403 insufficient scope, 404 invalid configuration, 429 rate limited (with the
 * provider's Retry-After), 5xx or no answer in time: provider unavailable. Nothing secret is
 * logged.
 */
@Component
public class ProviderCheck {

  private static final Logger log = LoggerFactory.getLogger(ProviderCheck.class);
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
  static final String VALIDATION = "mcpm.integration.validation";
  private static final List<String> OUTCOMES = List.of("valid", "invalid", "error");

  private final Map<IntegrationType, ProviderValidator> validators =
      new EnumMap<>(IntegrationType.class);
  private final RestClient http;
  private final IntegrationProperties properties;
  private final MeterRegistry meters;
  private final JsonMapper json;
  private final Clock clock;
  private final JiraSites jiraSites;

  public ProviderCheck(
      List<ProviderValidator> validators,
      RestClient providerRestClient,
      IntegrationProperties properties,
      MeterRegistry meters,
      JsonMapper json,
      Clock clock,
      JiraSites jiraSites) {
    this.jiraSites = jiraSites;
    validators.forEach(v -> this.validators.put(v.type(), v));
    this.http = providerRestClient;
    this.properties = properties;
    this.meters = meters;
    this.json = json;
    this.clock = clock;
    // Every provider and outcome from the start: no validation yet is a zero, not a missing series.
    this.validators
        .keySet()
        .forEach(type -> OUTCOMES.forEach(outcome -> validationTimer(type, outcome)));
  }

  public ValidationResult check(IntegrationType type, String secret, Map<String, String> meta) {
    ProviderValidator validator = validators.get(type);
    if (validator == null) {
      throw new IllegalStateException("no validator for " + type.value());
    }
    String baseUrl = validator.baseUrl(properties.baseUrl(type.value()), meta);
    if (baseUrl == null || baseUrl.isBlank()) {
      return ValidationResult.rejected(ValidationResult.Problem.INVALID_CONFIGURATION);
    }
    String configured = properties.baseUrl(type.value());
    // A user-named Jira site goes through the outbound guard; a configured base URL is the
    // operator's.
    RestClient client =
        type == IntegrationType.JIRA && (configured == null || configured.isBlank())
            ? jiraSites.clientFor(baseUrl)
            : http;
    ProviderRequest request = validator.request(baseUrl, secret, meta);
    Timer.Sample sample = Timer.start(meters);
    ValidationResult result = call(client, validator, request);
    sample.stop(
        validationTimer(
            type, result.isValid() ? "valid" : result.isRejected() ? "invalid" : "error"));
    return result;
  }

  /**
   * {@code mcpm.integration.validation}: valid, invalid (rejected) or error (no conclusive answer).
   */
  private Timer validationTimer(IntegrationType type, String outcome) {
    return Timer.builder(VALIDATION)
        .description("Time a provider takes to answer a credential check")
        .tag("provider", type.value())
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(5))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(meters);
  }

  private ValidationResult call(
      RestClient http, ProviderValidator validator, ProviderRequest request) {
    try {
      RestClient.RequestBodySpec spec =
          http.method(request.method())
              .uri(request.uri())
              .headers(h -> request.headers().forEach(h::set));
      if (!request.form().isEmpty()) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        request.form().forEach(form::add);
        spec.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form);
      }
      return spec.exchange(
          (req, response) -> {
            int status = response.getStatusCode().value();
            byte[] body = response.getBody().readAllBytes();
            return interpret(validator, status, response.getHeaders(), body);
          });
    } catch (RestClientException e) {
      // The message can name the URL; only the exception kind is logged.
      log.info(
          "provider {} did not answer: {}", validator.type().value(), e.getClass().getSimpleName());
      return ValidationResult.unavailable();
    }
  }

  private ValidationResult interpret(
      ProviderValidator validator, int status, HttpHeaders headers, byte[] body) {
    if (status >= 200 && status < 300) {
      return validator.onSuccess(parse(body));
    }
    return switch (status) {
      case 401 -> ValidationResult.rejected(ValidationResult.Problem.INVALID_CREDENTIALS);
      case 403 -> ValidationResult.rejected(ValidationResult.Problem.INSUFFICIENT_SCOPE);
      case 404 -> ValidationResult.rejected(ValidationResult.Problem.INVALID_CONFIGURATION);
      case 429 ->
          ValidationResult.rateLimited(retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER)));
      default ->
          status >= 500 || status < 400
              ? ValidationResult.unavailable()
              : validator.onClientError(status, parse(body));
    };
  }

  private @Nullable JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? null : json.readTree(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Retry-After in seconds or as an HTTP date (RFC 9110); a missing or odd value means a minute.
   */
  Duration retryAfter(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      return Duration.ofSeconds(Math.max(1, Long.parseLong(value.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
      } catch (RuntimeException notDate) {
        return DEFAULT_RETRY_AFTER;
      }
    }
  }
}
