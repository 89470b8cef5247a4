package io.mcpmanager.gateway.pat;

import io.mcpmanager.gateway.correlation.RequestIdFilter;
import io.mcpmanager.gateway.problem.ProblemResponseWriter;
import io.mcpmanager.gateway.problem.ProblemType;
import io.mcpmanager.gateway.problem.RetryAfter;
import io.mcpmanager.gateway.request.ClientAddresses;
import io.mcpmanager.gateway.security.PublicPaths;
import io.mcpmanager.gateway.upstream.UpstreamProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Turns a personal access token into the JWT auth-server minted for it, before Spring Security's
 * chain runs, so everything after (JWT validation, disabled users, rate limits by {@code sub}, the
 * services) sees an ordinary access token with the token's scopes and {@code pat_id}. Refused here:
 * a malformed token or bad checksum (401, no call to auth-server), a token on the account or admin
 * API (403), an inactive token (401), a request from outside the token's networks (403), and an
 * address that sent too many unknown tokens (429, see {@link InvalidTokenAttempts}).
 */
class PatExchangeFilter implements WebFilter, Ordered {

  /** After the request id and the identity-header stripping, well before Spring Security. */
  static final int ORDER = RequestIdFilter.ORDER + 2;

  private static final String BEARER = "Bearer ";
  private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";
  private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");
  private static final PathPattern ACCOUNT =
      PathPatternParser.defaultInstance.parse("/api/account/**");
  private static final PathPattern ADMIN = PathPatternParser.defaultInstance.parse("/api/admin/**");

  private final PatResolver resolver;
  private final InvalidTokenAttempts invalidAttempts;
  private final PatUsage usage;
  private final ClientAddresses clientAddresses;
  private final ProblemResponseWriter problems;
  private final UpstreamProperties upstream;
  private final MeterRegistry meters;
  private final PathPattern[] publicPaths;

  PatExchangeFilter(
      PatResolver resolver,
      InvalidTokenAttempts invalidAttempts,
      PatUsage usage,
      ClientAddresses clientAddresses,
      ProblemResponseWriter problems,
      UpstreamProperties upstream,
      MeterRegistry meters) {
    this.resolver = resolver;
    this.invalidAttempts = invalidAttempts;
    this.usage = usage;
    this.clientAddresses = clientAddresses;
    this.problems = problems;
    this.upstream = upstream;
    this.meters = meters;
    String[] patterns = PublicPaths.patterns();
    this.publicPaths = new PathPattern[patterns.length];
    for (int i = 0; i < patterns.length; i++) {
      publicPaths[i] = PathPatternParser.defaultInstance.parse(patterns[i]);
    }
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    String token = bearer(request);
    if (token == null || !PatFormat.isCandidate(token)) {
      return chain.filter(exchange);
    }
    PathContainer path = request.getPath().pathWithinApplication();
    if (!API.matches(path) || isPublic(path)) {
      return chain.filter(exchange);
    }
    if (!PatFormat.isWellFormed(token)) {
      return refuse(exchange, "malformed", unauthorized(exchange));
    }
    if (ACCOUNT.matches(path) || ADMIN.matches(path)) {
      return refuse(
          exchange,
          "forbidden_route",
          problems.write(
              exchange,
              ProblemType.FORBIDDEN,
              "A personal access token cannot manage the account or administer the platform."));
    }
    String client = clientAddresses.client(request);
    if (invalidAttempts.isBlocked(client)) {
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(invalidAttempts.window()));
      return refuse(
          exchange,
          "too_many_invalid",
          problems.write(
              exchange,
              ProblemType.RATE_LIMITED,
              "Too many invalid personal access tokens from this address.",
              headers));
    }
    return resolver
        .resolve(token)
        .flatMap(resolution -> forward(exchange, chain, resolution, client))
        .onErrorResume(
            PatResolutionUnavailableException.class,
            e -> {
              HttpHeaders headers = new HttpHeaders();
              headers.set(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(upstream.retryAfter()));
              return refuse(
                  exchange,
                  "unavailable",
                  problems.write(
                      exchange,
                      ProblemType.SERVICE_UNAVAILABLE,
                      "Personal access tokens cannot be checked right now.",
                      headers));
            });
  }

  private Mono<Void> forward(
      ServerWebExchange exchange,
      WebFilterChain chain,
      PatResolution resolution,
      @Nullable String client) {
    if (!resolution.active() || resolution.accessToken() == null || resolution.patId() == null) {
      invalidAttempts.recordInvalid(client);
      return refuse(exchange, "inactive", unauthorized(exchange));
    }
    ServerHttpRequest request = exchange.getRequest();
    if (!resolution.allowsClient(client)) {
      return refuse(
          exchange,
          "network_refused",
          problems.write(
              exchange,
              ProblemType.FORBIDDEN,
              "This personal access token may not be used from this network."));
    }
    usage.record(resolution.patId(), client, request.getHeaders().getFirst(HttpHeaders.USER_AGENT));
    meters.counter("mcpm.gateway.pat.requests", "outcome", "accepted").increment();
    String jwt = resolution.accessToken();
    ServerHttpRequest exchanged =
        request.mutate().headers(headers -> headers.setBearerAuth(jwt)).build();
    return chain.filter(exchange.mutate().request(exchanged).build());
  }

  private Mono<Void> unauthorized(ServerWebExchange exchange) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.WWW_AUTHENTICATE, INVALID_TOKEN);
    return problems.write(
        exchange, ProblemType.UNAUTHORIZED, "The bearer token is invalid or has expired.", headers);
  }

  private Mono<Void> refuse(ServerWebExchange exchange, String outcome, Mono<Void> answer) {
    meters.counter("mcpm.gateway.pat.requests", "outcome", outcome).increment();
    return answer;
  }

  private boolean isPublic(PathContainer path) {
    for (PathPattern pattern : publicPaths) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable String bearer(ServerHttpRequest request) {
    String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return authorization.substring(BEARER.length()).trim();
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
