package io.mcpmanager.gateway.pat;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mcpmanager.gateway.revocation.PatRevocations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Asks auth-server about a token, and reuses the answer for {@code cacheTtl} (at most 5 s), so a
 * client sending many requests costs auth-server one call per token and period, and a revoked token
 * stops working within that period. Answers are keyed by the token's SHA-256 digest, never by the
 * token; concurrent first uses share one call; failures are not remembered. auth-server's
 * revoked/regenerated events (read by the revocation package) drop a token's answers at once.
 */
class PatResolver implements PatRevocations {

  private final @Nullable WebClient authServer;
  private final PatProperties properties;
  private final AsyncCache<String, PatResolution> answers;

  /**
   * @param authServer a client carrying the gateway's service token; null when the gateway has no
   *     client secret (every token is then answered with 503)
   */
  PatResolver(@Nullable WebClient authServer, PatProperties properties) {
    this.authServer = authServer;
    this.properties = properties;
    this.answers =
        Caffeine.newBuilder()
            .expireAfterWrite(properties.cacheTtl())
            .maximumSize(properties.cacheMaxEntries())
            .buildAsync();
  }

  Mono<PatResolution> resolve(String token) {
    // Suppress cancellation: one caller going away must not cancel the call others wait for.
    return Mono.fromFuture(
        answers.get(digest(token), (key, executor) -> call(token).toFuture()), true);
  }

  private Mono<PatResolution> call(String token) {
    WebClient client = authServer;
    if (client == null) {
      return Mono.error(
          new PatResolutionUnavailableException(
              "the gateway has no client secret for auth-server"));
    }
    return client
        .post()
        .uri(properties.authServer().resolve("/internal/pats/resolve"))
        .bodyValue(Map.of("token", token))
        .exchangeToMono(
            response -> {
              if (response.statusCode().value() == HttpStatus.OK.value()) {
                return response.bodyToMono(PatResolution.Answer.class).map(PatResolution::from);
              }
              return response
                  .releaseBody()
                  .then(
                      Mono.error(
                          new PatResolutionUnavailableException(
                              "auth-server answered " + response.statusCode().value())));
            })
        .timeout(properties.timeout())
        .onErrorMap(
            e -> !(e instanceof PatResolutionUnavailableException),
            e -> new PatResolutionUnavailableException("auth-server did not answer", e));
  }

  /** Drops every cached answer about the token: the next request asks auth-server again. */
  @Override
  public void revoked(String patId) {
    answers.synchronous().asMap().values().removeIf(resolution -> patId.equals(resolution.patId()));
  }

  private static String digest(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
