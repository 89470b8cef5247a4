package io.mcpmanager.git.revocation;

import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.git.connection.GitConnectionNotFoundException;
import io.mcpmanager.git.connection.GitConnectionService;
import io.mcpmanager.git.connection.GitEvents;
import io.mcpmanager.git.connection.RevocableConnection;
import io.mcpmanager.git.connection.TokenVault;
import io.mcpmanager.git.provider.GitProviders;
import io.mcpmanager.git.provider.ProviderCallException;
import io.mcpmanager.kit.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disconnect = revoke at the provider, then destroy the ciphertext. When the provider cannot be
 * reached the local tokens are destroyed anyway and the revocation is queued for retry. Vault and
 * the provider are called between transactions, never inside one.
 */
@Service
public class Disconnects {

  private static final Logger log = LoggerFactory.getLogger(Disconnects.class);

  private final GitConnectionService connections;
  private final PendingRevocationRepository pending;
  private final GitProviders providers;
  private final TokenVault vault;
  private final GitEvents events;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration retryBackoff;

  Disconnects(
      GitConnectionService connections,
      PendingRevocationRepository pending,
      GitProviders providers,
      TokenVault vault,
      GitEvents events,
      TransactionTemplate transactions,
      Clock clock,
      GitProperties properties) {
    this.connections = connections;
    this.pending = pending;
    this.providers = providers;
    this.vault = vault;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
    this.retryBackoff = properties.revocation().retryBackoff();
  }

  public DisconnectResponse disconnect(CurrentUser user, String provider, UUID id) {
    return disconnect(connections.revocable(user, provider, id));
  }

  /** The seed's single-account disconnect: unambiguous only with one account (or a named one). */
  public DisconnectResponse disconnectSingle(
      CurrentUser user, String provider, @Nullable UUID connectionId) {
    if (connectionId != null) {
      return disconnect(user, provider, connectionId);
    }
    providers.get(provider);
    List<RevocableConnection> accounts = connections.revocable(user.id(), provider);
    if (accounts.isEmpty()) {
      throw GitConnectionNotFoundException.forProvider(provider);
    }
    if (accounts.size() > 1) {
      throw AmbiguousDisconnectException.of(provider, accounts.size());
    }
    return disconnect(accounts.get(0));
  }

  private DisconnectResponse disconnect(RevocableConnection c) {
    String error = revokeRemotely(c.provider(), c.ownerId(), c.accessTokenEnc());
    Instant now = clock.instant();
    transactions.executeWithoutResult(
        status -> {
          connections.delete(c.id());
          events.record(
              EventTypes.GIT_DISCONNECTED,
              c.ownerId(),
              GitEvents.CONNECTION,
              c.id().toString(),
              c.provider(),
              "disconnect",
              CredentialEventData.Outcome.SUCCESS,
              Map.of(
                  "remote_revocation",
                  new CredentialEventData.Change(null, error == null ? "revoked" : "pending"),
                  "token_hint",
                  new CredentialEventData.Change(c.tokenHint(), null)));
          if (error != null) {
            pending.save(
                PendingRevocation.of(
                    c.id(),
                    c.ownerId(),
                    c.provider(),
                    c.accessTokenEnc(),
                    error,
                    now.plus(retryBackoff),
                    now));
            events.record(
                EventTypes.GIT_REVOKE_FAILED,
                c.ownerId(),
                GitEvents.CONNECTION,
                c.id().toString(),
                c.provider(),
                "revoke",
                CredentialEventData.Outcome.FAILURE,
                GitEvents.change("error", null, error));
          }
        });
    return new DisconnectResponse(c.id(), c.provider(), error == null, error != null);
  }

  /**
   * Retries due revocations; returns how many succeeded. The due rows are claimed in a short
   * transaction (rows another replica holds are skipped, claimed ones are not due again for {@code
   * retryBackoff}, so a replica that dies mid-run only delays them), revoked outside any
   * transaction, and each outcome is written in a transaction of its own.
   */
  public int retryPending(int batch) {
    Instant now = clock.instant();
    List<PendingRevocation> claimed = transactions.execute(status -> claimDue(now, batch));
    int revoked = 0;
    for (PendingRevocation p : claimed == null ? List.<PendingRevocation>of() : claimed) {
      String error = revokeRemotely(p.provider(), p.ownerId(), p.accessTokenEnc());
      transactions.executeWithoutResult(status -> recordRetry(p.id(), error, now));
      if (error == null) {
        revoked++;
      }
    }
    return revoked;
  }

  private List<PendingRevocation> claimDue(Instant now, int batch) {
    List<PendingRevocation> due = pending.lockDue(now, Limit.of(batch));
    due.forEach(p -> p.claimUntil(now.plus(retryBackoff)));
    return due;
  }

  private void recordRetry(UUID id, @Nullable String error, Instant now) {
    pending
        .findById(id)
        .ifPresent(
            p -> {
              if (error == null) {
                pending.delete(p);
                events.record(
                    EventTypes.GIT_REVOKED,
                    p.ownerId(),
                    GitEvents.CONNECTION,
                    p.connectionId().toString(),
                    p.provider(),
                    "revoke",
                    CredentialEventData.Outcome.SUCCESS,
                    GitEvents.change("attempts", p.attempts(), p.attempts() + 1));
              } else {
                p.failedAgain(
                    error, retryBackoff.multipliedBy(1L << Math.min(p.attempts(), 8)), now);
                events.record(
                    EventTypes.GIT_REVOKE_FAILED,
                    p.ownerId(),
                    GitEvents.CONNECTION,
                    p.connectionId().toString(),
                    p.provider(),
                    "revoke",
                    CredentialEventData.Outcome.FAILURE,
                    GitEvents.change("attempts", p.attempts() - 1, p.attempts()));
              }
            });
  }

  /** Null on success, otherwise a short, secret-free reason. */
  private @Nullable String revokeRemotely(String provider, String ownerId, String accessTokenEnc) {
    try {
      providers.get(provider).revoke(vault.decrypt(ownerId, accessTokenEnc));
      return null;
    } catch (ProviderCallException e) {
      log.warn("revocation at {} failed: {}", provider, e.getMessage());
      return e.kind().name().toLowerCase(Locale.ROOT) + (e.status() > 0 ? " " + e.status() : "");
    }
  }
}
