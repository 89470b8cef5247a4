package io.mcpmanager.git.provider;

import io.mcpmanager.git.config.GitProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * HTTP to provider APIs with timeouts, turning rate limits into {@link ProviderCallException}s that
 * say how long to wait: {@code Retry-After}, {@code X-RateLimit-Remaining: 0} with {@code
 * X-RateLimit-Reset} (GitHub) or {@code RateLimit-Remaining} / {@code RateLimit-Reset} (GitLab),
 * and GitHub's secondary rate limits (403 naming the limit, often without headers).
 */
@Component
public class ProviderHttp {

  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  private final RestClient http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Clock clock;

  public ProviderHttp(Clock clock, GitProperties properties) {
    this.clock = clock;
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder()
                .connectTimeout(properties.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    factory.setReadTimeout(properties.http().readTimeout());
    this.http = RestClient.builder().requestFactory(factory).build();
  }

  /** A 2xx JSON answer with its headers. */
  public record JsonResponse(JsonNode body, HttpHeaders headers) {}

  public JsonResponse getJson(
      String provider, String what, URI uri, Consumer<HttpHeaders> headers) {
    return send(provider, what, HttpMethod.GET, uri, headers, null);
  }

  public JsonResponse send(
      String provider,
      String what,
      HttpMethod method,
      URI uri,
      Consumer<HttpHeaders> headers,
      @Nullable Object body) {
    try {
      RestClient.RequestBodySpec request = http.method(method).uri(uri).headers(headers);
      if (body != null) {
        request.body(body);
      }
      return request.exchange(
          (req, res) -> {
            int status = res.getStatusCode().value();
            String text = StreamUtils.copyToString(res.getBody(), StandardCharsets.UTF_8);
            if (res.getStatusCode().is2xxSuccessful()) {
              return new JsonResponse(
                  text.isBlank() ? MissingNode.getInstance() : json.readTree(text),
                  res.getHeaders());
            }
            if (status == 429 || (status == 403 && isRateLimit(res.getHeaders(), text))) {
              throw ProviderCallException.rateLimited(
                  provider, what, status, waitFor(res.getHeaders()));
            }
            throw ProviderCallException.status(provider, what, status);
          });
    } catch (ResourceAccessException e) {
      throw ProviderCallException.unreachable(
          provider, what, e.getCause() == null ? e : e.getCause());
    }
  }

  /**
   * The {@code rel="next"} target of a {@code Link} header, or null. A link is followed only when
   * it stays on the provider's API origin (same scheme, host and port as {@code api}): the header
   * is the provider's answer, but the token goes wherever the link points (#14 item 3).
   */
  public static @Nullable URI nextLink(HttpHeaders headers, URI api) {
    String link = headers.getFirst(HttpHeaders.LINK);
    if (link == null) {
      return null;
    }
    Matcher m = NEXT_LINK.matcher(link);
    if (!m.find()) {
      return null;
    }
    URI next;
    try {
      next = new URI(m.group(1));
    } catch (java.net.URISyntaxException e) {
      return null;
    }
    return sameOrigin(next, api) ? next : null;
  }

  static boolean sameOrigin(URI candidate, URI api) {
    if (candidate.getScheme() == null
        || candidate.getHost() == null
        || candidate.getRawUserInfo() != null) {
      return false;
    }
    return candidate.getScheme().equalsIgnoreCase(String.valueOf(api.getScheme()))
        && candidate.getHost().equalsIgnoreCase(String.valueOf(api.getHost()))
        && port(candidate) == port(api);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** When the answer says the quota is used up, how long until it resets; otherwise null. */
  public @Nullable Duration exhaustedQuotaWait(HttpHeaders headers) {
    String remaining = first(headers, "X-RateLimit-Remaining", "RateLimit-Remaining");
    return "0".equals(remaining == null ? null : remaining.trim()) ? untilReset(headers) : null;
  }

  private boolean isRateLimit(HttpHeaders headers, String body) {
    return headers.getFirst(HttpHeaders.RETRY_AFTER) != null
        || exhaustedQuotaWait(headers) != null
        || body.toLowerCase(Locale.ROOT).contains("rate limit");
  }

  private @Nullable Duration waitFor(HttpHeaders headers) {
    String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
    if (retryAfter != null) {
      try {
        return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
      } catch (NumberFormatException ignored) {
        // an HTTP date: fall back to the reset header or the caller's backoff
      }
    }
    return exhaustedQuotaWait(headers);
  }

  private Duration untilReset(HttpHeaders headers) {
    String reset = first(headers, "X-RateLimit-Reset", "RateLimit-Reset");
    if (reset == null) {
      return Duration.ofSeconds(60);
    }
    try {
      Duration wait =
          Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.trim())));
      return wait.isNegative() ? Duration.ofSeconds(1) : wait.plusSeconds(1);
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(60);
    }
  }

  private static @Nullable String first(HttpHeaders headers, String... names) {
    for (String name : names) {
      String value = headers.getFirst(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** A string field, null when missing or JSON null. */
  public static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asString();
  }

  /** A string field the provider always sends; its absence is a malformed answer. */
  static String requiredText(JsonNode node, String field) {
    return Objects.requireNonNull(text(node, field), () -> "provider answer without " + field);
  }
}
