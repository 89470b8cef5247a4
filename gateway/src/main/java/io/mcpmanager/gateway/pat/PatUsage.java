package io.mcpmanager.gateway.pat;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Counts the requests of each token and remembers the last one's time, client address and user
 * agent; every {@code usage-flush-interval} it reports them to auth-server in one call (which adds
 * them up per day), never one call or event per request. A report that could not be delivered
 * (auth-server down or failing) is merged into the next one, up to {@code cache-max-entries}
 * tokens; one auth-server refuses (4xx) is dropped.
 */
class PatUsage {

  private static final Logger log = LoggerFactory.getLogger(PatUsage.class);
  private static final int MAX_USER_AGENT = 256;

  private final @Nullable WebClient authServer;
  private final PatProperties properties;
  private final Clock clock;
  private final Map<String, Use> pending = new ConcurrentHashMap<>();

  PatUsage(@Nullable WebClient authServer, PatProperties properties, Clock clock) {
    this.authServer = authServer;
    this.properties = properties;
    this.clock = clock;
  }

  void record(String patId, @Nullable String clientAddress, @Nullable String userAgent) {
    if (pending.size() >= properties.cacheMaxEntries() && !pending.containsKey(patId)) {
      return;
    }
    Use use = new Use(patId, 1, clock.instant(), clientAddress, truncate(userAgent));
    pending.merge(patId, use, Use::plus);
  }

  /** The uses since the last report, when the gateway stops (best effort: nothing waits for it). */
  @PreDestroy
  void flushOnShutdown() {
    flush();
  }

  @Scheduled(
      fixedDelayString = "${mcpm.gateway.pat.usage-flush-interval:5s}",
      initialDelayString = "${mcpm.gateway.pat.usage-flush-interval:5s}")
  void flush() {
    WebClient client = authServer;
    if (client == null || pending.isEmpty()) {
      return;
    }
    List<Use> batch = new ArrayList<>();
    for (String patId : List.copyOf(pending.keySet())) {
      Use use = pending.remove(patId);
      if (use != null) {
        batch.add(use);
      }
    }
    try {
      client
          .post()
          .uri(properties.authServer().resolve("/internal/pats/usage"))
          .bodyValue(Map.of("uses", batch))
          .retrieve()
          .toBodilessEntity()
          .block(properties.timeout());
    } catch (WebClientResponseException e) {
      if (e.getStatusCode().is4xxClientError()) {
        // Refused as it is: sending it again would be refused again.
        log.warn("auth-server refused a usage report ({}): dropped", e.getStatusCode().value());
        return;
      }
      requeue(batch, e);
    } catch (RuntimeException e) {
      requeue(batch, e);
    }
  }

  private void requeue(List<Use> batch, RuntimeException e) {
    batch.forEach(use -> pending.merge(use.patId(), use, Use::plus));
    log.warn(
        "could not report the use of {} personal access tokens, will retry: {}",
        batch.size(),
        e.getClass().getSimpleName());
  }

  /** One token's requests since the last report. */
  record Use(
      @JsonProperty("pat_id") String patId,
      @JsonProperty("count") long count,
      @JsonProperty("last_used_at") Instant lastUsedAt,
      @JsonProperty("last_used_ip") @Nullable String lastUsedIp,
      @JsonProperty("last_used_user_agent") @Nullable String lastUsedUserAgent) {

    Use plus(Use other) {
      Use latest = other.lastUsedAt.isAfter(lastUsedAt) ? other : this;
      return new Use(
          patId,
          count + other.count,
          latest.lastUsedAt,
          latest.lastUsedIp,
          latest.lastUsedUserAgent);
    }
  }

  private static @Nullable String truncate(@Nullable String value) {
    return value == null || value.length() <= MAX_USER_AGENT
        ? value
        : value.substring(0, MAX_USER_AGENT);
  }
}
