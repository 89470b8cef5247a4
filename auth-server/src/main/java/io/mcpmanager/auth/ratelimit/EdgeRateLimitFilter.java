package io.mcpmanager.auth.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.mcpmanager.auth.config.AuthProperties;
import io.mcpmanager.kit.error.ProblemResponses;
import io.mcpmanager.kit.error.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token buckets per endpoint and client address for {@code POST /login}, {@code /oauth2/token} and
 * {@code /oauth2/device_authorization}, taken before any password or client secret is checked. The
 * address is the request's remote address: the connection's peer, or the client that a trusted
 * proxy ({@code mcpm.auth.trusted-proxies}) names in {@code X-Forwarded-For} (Tomcat's
 * RemoteIpValve). Buckets live in this replica's memory; idle ones are dropped once they would be
 * full again.
 */
class EdgeRateLimitFilter extends OncePerRequestFilter {

  private static final long MAX_BUCKETS = 100_000;

  private final Map<String, AuthProperties.Limit> limits;
  private final Cache<String, Bucket> buckets;
  private final ProblemResponses problems;
  private final JsonMapper json;

  EdgeRateLimitFilter(
      AuthProperties.RateLimit properties, ProblemResponses problems, JsonMapper json) {
    this.limits =
        Map.of(
            "/login", properties.login(),
            "/oauth2/token", properties.token(),
            "/oauth2/device_authorization", properties.deviceAuthorization());
    Duration longest =
        limits.values().stream()
            .map(AuthProperties.Limit::refillPeriod)
            .max(Duration::compareTo)
            .orElseThrow();
    this.buckets =
        Caffeine.newBuilder().expireAfterAccess(longest).maximumSize(MAX_BUCKETS).build();
    this.problems = problems;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || limitFor(request) == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = path(request);
    AuthProperties.Limit limit = limits.get(path);
    if (limit == null) {
      chain.doFilter(request, response);
      return;
    }
    Bucket bucket = buckets.get(path + " " + request.getRemoteAddr(), key -> newBucket(limit));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      chain.doFilter(request, response);
      return;
    }
    long retryAfter =
        Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response
        .getOutputStream()
        .write(
            json.writeValueAsBytes(
                problems.problem(
                    HttpStatus.TOO_MANY_REQUESTS,
                    ProblemTypes.RATE_LIMITED,
                    "Too many requests",
                    "Too many requests from this address; retry after " + retryAfter + " s")));
  }

  private AuthProperties.@Nullable Limit limitFor(HttpServletRequest request) {
    return limits.get(path(request));
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static Bucket newBucket(AuthProperties.Limit limit) {
    return Bucket.builder()
        .addLimit(
            bandwidth ->
                bandwidth
                    .capacity(limit.capacity())
                    .refillGreedy(limit.capacity(), limit.refillPeriod()))
        .build();
  }
}
