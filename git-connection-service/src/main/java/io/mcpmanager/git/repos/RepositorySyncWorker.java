package io.mcpmanager.git.repos;

import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.git.connection.AccessTokens;
import io.mcpmanager.git.connection.GitConnectionService;
import io.mcpmanager.git.connection.GitEvents;
import io.mcpmanager.git.provider.GitProvider;
import io.mcpmanager.git.provider.GitProviders;
import io.mcpmanager.git.provider.ProviderCallException;
import io.mcpmanager.git.provider.RepositoryPage;
import io.mcpmanager.kit.error.ApiException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one sync in the background: follows the provider's pagination, backs off on rate limits
 * (Retry-After, exhausted quota until reset, secondary limits exponentially), upserts each page,
 * and when every page arrived marks the repositories it did not see as removed.
 */
@Component
class RepositorySyncWorker {

  private static final Logger log = LoggerFactory.getLogger(RepositorySyncWorker.class);

  private final RepositorySyncRepository syncs;
  private final GitConnectionService connections;
  private final RepositoryStore store;
  private final GitProviders providers;
  private final AccessTokens tokens;
  private final GitEvents events;
  private final TransactionTemplate transactions;
  private final GitProperties.Sync properties;
  private final Clock clock;

  RepositorySyncWorker(
      RepositorySyncRepository syncs,
      GitConnectionService connections,
      RepositoryStore store,
      GitProviders providers,
      AccessTokens tokens,
      GitEvents events,
      TransactionTemplate transactions,
      GitProperties properties,
      Clock clock) {
    this.syncs = syncs;
    this.connections = connections;
    this.store = store;
    this.providers = providers;
    this.tokens = tokens;
    this.events = events;
    this.transactions = transactions;
    this.properties = properties.sync();
    this.clock = clock;
  }

  /** Failure codes a client may see in a sync's {@code error}. */
  static final class SyncFailure extends RuntimeException {
    final String code;

    SyncFailure(String code) {
      super(code);
      this.code = code;
    }
  }

  void run(UUID syncId) {
    RepositorySync run = syncs.findById(syncId).orElseThrow();
    UUID connectionId = run.connectionId();
    int pages = 0;
    int repositories = 0;
    Counter waits = new Counter();
    try {
      GitProvider provider = providers.get(run.provider());
      URI next = null;
      do {
        if (pages >= properties.maxPages()) {
          throw new SyncFailure("too_many_pages");
        }
        RepositoryPage page = fetch(provider, run.ownerId(), connectionId, next, waits);
        store.upsert(
            connectionId, run.ownerId(), run.provider(), syncId, page.items(), clock.instant());
        pages++;
        repositories += page.items().size();
        progress(syncId, pages, repositories, waits.value);
        next = page.next();
        if (next != null && page.pauseBeforeNext() != null) {
          waits.add(page.pauseBeforeNext(), properties.maxRateLimitWait());
        }
      } while (next != null);
      int removed = store.markRemoved(connectionId, syncId, clock.instant());
      finish(syncId, pages, repositories, waits.value, removed, null);
    } catch (SyncFailure e) {
      finish(syncId, pages, repositories, waits.value, 0, e.code);
    } catch (RuntimeException e) {
      log.warn("repository sync {} failed: {}", syncId, e.getClass().getSimpleName());
      finish(
          syncId,
          pages,
          repositories,
          waits.value,
          0,
          e instanceof ApiException api
              ? api.type().toString().substring(api.type().toString().lastIndexOf('/') + 1)
              : "internal_error");
    }
  }

  private RepositoryPage fetch(
      GitProvider provider, String ownerId, UUID connectionId, @Nullable URI next, Counter waits) {
    int unavailable = 0;
    int secondary = 0;
    while (true) {
      String accessToken =
          tokens
              .freshAccessToken(ownerId, connectionId)
              .orElseThrow(() -> new SyncFailure("connection_removed"));
      try {
        return provider.repositories(accessToken, next);
      } catch (ProviderCallException e) {
        switch (e.kind()) {
          case RATE_LIMITED ->
              waits.add(
                  e.retryAfter() != null
                      ? e.retryAfter()
                      : properties.secondaryBackoff().multipliedBy(1L << Math.min(secondary++, 6)),
                  properties.maxRateLimitWait());
          case UNAVAILABLE -> {
            if (++unavailable > properties.unavailableRetries()) {
              throw new SyncFailure("provider_unavailable");
            }
            sleep(properties.unavailableBackoff().multipliedBy(1L << (unavailable - 1)));
          }
          case UNAUTHORIZED -> {
            connections.markTokenRejected(connectionId);
            throw new SyncFailure("token_rejected");
          }
          default -> throw new SyncFailure("provider_error");
        }
      }
    }
  }

  private void progress(UUID syncId, int pages, int repositories, int waits) {
    transactions.executeWithoutResult(
        s -> syncs.findById(syncId).ifPresent(r -> r.progress(pages, repositories, waits)));
  }

  private void finish(
      UUID syncId, int pages, int repositories, int waits, int removed, @Nullable String error) {
    transactions.executeWithoutResult(
        s ->
            syncs
                .findById(syncId)
                .ifPresent(
                    r -> {
                      r.progress(pages, repositories, waits);
                      if (error == null) {
                        r.succeeded(removed, clock.instant());
                        events.record(
                            EventTypes.GIT_SYNC_FINISHED,
                            r.ownerId(),
                            GitEvents.SYNC,
                            r.id().toString(),
                            r.provider(),
                            "sync",
                            CredentialEventData.Outcome.SUCCESS,
                            Map.of(
                                "repositories",
                                new CredentialEventData.Change(null, repositories),
                                "removed",
                                new CredentialEventData.Change(null, removed)));
                      } else {
                        r.failed(error, clock.instant());
                        events.record(
                            EventTypes.GIT_SYNC_FAILED,
                            r.ownerId(),
                            GitEvents.SYNC,
                            r.id().toString(),
                            r.provider(),
                            "sync",
                            CredentialEventData.Outcome.FAILURE,
                            GitEvents.change("error", null, error));
                      }
                    }));
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SyncFailure("interrupted");
    }
  }

  /** Rate-limit waits of one run, bounded in total. */
  private static final class Counter {
    int value;
    Duration total = Duration.ZERO;

    void add(Duration wait, Duration max) {
      total = total.plus(wait);
      if (total.compareTo(max) > 0) {
        throw new SyncFailure("rate_limited");
      }
      value++;
      sleep(wait);
    }
  }
}
