package io.mcpmanager.git.repos;

import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.git.connection.ConnectionRef;
import io.mcpmanager.git.connection.GitConnectionNotFoundException;
import io.mcpmanager.git.connection.GitConnectionService;
import io.mcpmanager.git.connection.GitEvents;
import io.mcpmanager.git.provider.GitProviders;
import io.mcpmanager.kit.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts background syncs (one running per connection), lists synced repositories, reports
 * progress.
 */
@Service
public class RepositorySyncService {

  private final GitConnectionService connections;
  private final RepositorySyncRepository syncs;
  private final RepositoryStore store;
  private final RepositorySyncWorker worker;
  private final GitProviders providers;
  private final GitEvents events;
  private final TransactionTemplate transactions;
  private final Executor executor;
  private final GitProperties.Sync properties;
  private final Clock clock;

  RepositorySyncService(
      GitConnectionService connections,
      RepositorySyncRepository syncs,
      RepositoryStore store,
      RepositorySyncWorker worker,
      GitProviders providers,
      GitEvents events,
      TransactionTemplate transactions,
      @Qualifier("repositorySyncExecutor") Executor executor,
      GitProperties properties,
      Clock clock) {
    this.connections = connections;
    this.syncs = syncs;
    this.store = store;
    this.worker = worker;
    this.providers = providers;
    this.events = events;
    this.transactions = transactions;
    this.executor = executor;
    this.properties = properties.sync();
    this.clock = clock;
  }

  /** Syncs the named connection, or every connection of the caller at this provider. */
  public List<RepositorySyncResponse> start(
      CurrentUser user, String provider, @Nullable UUID connectionId) {
    List<ConnectionRef> targets =
        connectionId != null
            ? List.of(connections.ownRef(user, provider, connectionId))
            : connectionsOf(user, provider);
    List<RepositorySyncResponse> started = new ArrayList<>();
    for (ConnectionRef c : targets) {
      Started launch = Objects.requireNonNull(transactions.execute(status -> startOrJoin(c)));
      if (launch.created()) {
        executor.execute(() -> worker.run(launch.run().id()));
      }
      started.add(RepositorySyncResponse.from(launch.run()));
    }
    return started;
  }

  /** The run to report, and whether this call created it (and must launch it). */
  private record Started(RepositorySync run, boolean created) {}

  private List<ConnectionRef> connectionsOf(CurrentUser user, String provider) {
    providers.get(provider);
    List<ConnectionRef> all = connections.refs(user.id(), provider);
    if (all.isEmpty()) {
      throw GitConnectionNotFoundException.forProvider(provider);
    }
    return all;
  }

  private Started startOrJoin(ConnectionRef c) {
    Instant now = clock.instant();
    var running = syncs.findByConnectionIdAndStatus(c.id(), SyncStatus.RUNNING);
    if (running.isPresent()) {
      if (!running.get().isStale(now, properties.staleAfter())) {
        return new Started(running.get(), false);
      }
      running.get().failed("abandoned", now);
      syncs.flush();
    }
    RepositorySync run = syncs.save(RepositorySync.start(c.id(), c.ownerId(), c.provider(), now));
    events.record(
        EventTypes.GIT_SYNC_STARTED,
        c.ownerId(),
        GitEvents.SYNC,
        run.id().toString(),
        c.provider(),
        "sync",
        CredentialEventData.Outcome.SUCCESS,
        GitEvents.change("connection_id", null, c.id().toString()));
    return new Started(run, true);
  }

  @Transactional(readOnly = true)
  public RepositorySyncResponse get(CurrentUser user, String provider, UUID syncId) {
    return syncs
        .findById(syncId)
        .filter(s -> user.mayAccess(s.ownerId()) && s.provider().equals(provider))
        .map(RepositorySyncResponse::from)
        .orElseThrow(() -> SyncNotFoundException.forId(syncId));
  }

  @Transactional(readOnly = true)
  public RepositoryPageResponse list(
      CurrentUser user,
      String provider,
      @Nullable UUID connectionId,
      @Nullable String query,
      @Nullable String visibility,
      @Nullable Boolean archived,
      boolean includeRemoved,
      int page,
      int size) {
    providers.get(provider);
    if (connectionId != null) {
      connections.ref(user, provider, connectionId);
    }
    return store.list(
        new RepositoryStore.Filter(
            user.id(), provider, connectionId, query, visibility, archived, includeRemoved),
        page,
        size);
  }
}
