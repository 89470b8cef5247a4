package io.mcpmanager.git.connection;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.git.provider.GitProfile;
import io.mcpmanager.git.provider.GitProviders;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.oauth.TokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading connections (owner-checked), storing the result of an OAuth authorization, and the reads
 * and state changes other features ask for: they see small views, never the entity.
 */
@Service
public class GitConnectionService {

  private final GitConnectionRepository connections;
  private final GitProviders providers;
  private final TokenVault vault;
  private final GitEvents events;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration expiresSoonWindow;

  public GitConnectionService(
      GitConnectionRepository connections,
      GitProviders providers,
      TokenVault vault,
      GitEvents events,
      TransactionTemplate transactions,
      Clock clock,
      GitProperties properties) {
    this.connections = connections;
    this.providers = providers;
    this.vault = vault;
    this.events = events;
    this.transactions = transactions;
    this.clock = clock;
    this.expiresSoonWindow = properties.connections().expiresSoonWindow();
  }

  @Transactional(readOnly = true)
  public List<GitConnectionResponse> list(CurrentUser user) {
    return connections.findByOwnerIdOrderByProviderAscConnectedAtAsc(user.id()).stream()
        .map(this::response)
        .toList();
  }

  @Transactional(readOnly = true)
  public List<GitConnectionResponse> list(CurrentUser user, String provider) {
    providers.get(provider);
    return connections.findByOwnerIdAndProviderOrderByConnectedAtAsc(user.id(), provider).stream()
        .map(this::response)
        .toList();
  }

  @Transactional(readOnly = true)
  public GitConnectionResponse get(CurrentUser user, String provider, UUID id) {
    return response(owned(user, provider, id));
  }

  /** The connection if the caller may see it and it belongs to {@code provider}; 404 otherwise. */
  @Transactional(readOnly = true)
  GitConnection owned(CurrentUser user, String provider, UUID id) {
    providers.get(provider);
    return connections
        .findById(id)
        .filter(c -> user.mayAccess(c.ownerId()) && c.provider().equals(provider))
        .orElseThrow(() -> GitConnectionNotFoundException.forId(id));
  }

  /**
   * The connection if the caller owns it (an admin's wider read access does not count: acting with
   * someone's credential is theirs alone) and it belongs to {@code provider}; 404 otherwise.
   */
  @Transactional(readOnly = true)
  GitConnection ownedByCaller(CurrentUser user, String provider, UUID id) {
    providers.get(provider);
    return connections
        .findById(id)
        .filter(c -> c.ownerId().equals(user.id()) && c.provider().equals(provider))
        .orElseThrow(() -> GitConnectionNotFoundException.forId(id));
  }

  /** As {@link #ownedByCaller}, for features that act with the connection's credential. */
  @Transactional(readOnly = true)
  public ConnectionRef ownRef(CurrentUser user, String provider, UUID id) {
    return ConnectionRef.of(ownedByCaller(user, provider, id));
  }

  /** As {@link #owned}, for features that act on the connection without reading it. */
  @Transactional(readOnly = true)
  public ConnectionRef ref(CurrentUser user, String provider, UUID id) {
    return ConnectionRef.of(owned(user, provider, id));
  }

  /** The owner's connections at the provider, oldest first. */
  @Transactional(readOnly = true)
  public List<ConnectionRef> refs(String ownerId, String provider) {
    return connections.findByOwnerIdAndProviderOrderByConnectedAtAsc(ownerId, provider).stream()
        .map(ConnectionRef::of)
        .toList();
  }

  /** As {@link #owned}, with the ciphertext a disconnect revokes. */
  @Transactional(readOnly = true)
  public RevocableConnection revocable(CurrentUser user, String provider, UUID id) {
    return RevocableConnection.of(owned(user, provider, id));
  }

  /**
   * The owner's connections at the provider, oldest first, with the ciphertext a disconnect
   * revokes.
   */
  @Transactional(readOnly = true)
  public List<RevocableConnection> revocable(String ownerId, String provider) {
    return connections.findByOwnerIdAndProviderOrderByConnectedAtAsc(ownerId, provider).stream()
        .map(RevocableConnection::of)
        .toList();
  }

  /**
   * The connection as the user API shows it, if {@code ownerId} owns it (service-to-service calls
   * name the owner).
   */
  @Transactional(readOnly = true)
  public GitConnectionResponse status(String ownerId, UUID id) {
    return response(ownedBy(ownerId, id));
  }

  /** The connection if {@code ownerId} owns it; 404 otherwise. */
  private GitConnection ownedBy(String ownerId, UUID id) {
    return connections
        .findById(id)
        .filter(c -> c.ownerId().equals(ownerId))
        .orElseThrow(() -> GitConnectionNotFoundException.forId(id));
  }

  GitConnectionResponse response(GitConnection c) {
    return GitConnectionResponse.from(
        c, providers.get(c.provider()).displayName(), clock.instant(), expiresSoonWindow);
  }

  /**
   * Deletes the connection and its tokens' ciphertext, in the caller's transaction; 404 when it is
   * gone.
   */
  @Transactional
  public void delete(UUID id) {
    connections.delete(
        connections.findById(id).orElseThrow(() -> GitConnectionNotFoundException.forId(id)));
  }

  /**
   * The provider no longer accepts the token (the user revoked the app): only a new authorization
   * helps.
   */
  @Transactional
  public void markTokenRejected(UUID id) {
    connections
        .findById(id)
        .ifPresent(
            c -> {
              String before = c.status().value();
              c.markExpired(StatusReason.TOKEN_REJECTED, clock.instant());
              events.connection(
                  EventTypes.GIT_EXPIRED,
                  c,
                  "expire",
                  CredentialEventData.Outcome.SUCCESS,
                  GitEvents.change("status", before, c.status().value()));
            });
  }

  /**
   * Records a read of the connection's access token through the internal API: the token's hint on
   * success, the problem type otherwise. Returns what the token grants as now stored.
   */
  @Transactional
  public ConnectionGrant recordTokenRead(UUID id, String outcome, @Nullable String problem) {
    GitConnection c = connections.findById(id).orElseThrow();
    events.connection(
        EventTypes.GIT_ACCESSED,
        c,
        "read-token",
        outcome,
        problem == null
            ? GitEvents.change("token_hint", null, c.tokenHint())
            : GitEvents.change("problem", null, problem));
    return ConnectionGrant.of(c);
  }

  /**
   * Stores an authorization: a new account, or the same account (owner, provider, external id)
   * authorized again, whose tokens and profile are replaced. The tokens are encrypted before the
   * (short) write transaction opens, so no database connection waits on Vault. Returns the
   * connection's id.
   */
  public UUID store(
      Actor actor, String ownerId, String provider, GitProfile profile, TokenResponse tokens) {
    Instant now = clock.instant();
    EncryptedTokens encrypted = vault.encrypt(ownerId, tokens.accessToken(), tokens.refreshToken());
    return Objects.requireNonNull(
        transactions.execute(
            status -> save(actor, ownerId, provider, profile, tokens, encrypted, now).id()));
  }

  private GitConnection save(
      Actor actor,
      String ownerId,
      String provider,
      GitProfile profile,
      TokenResponse tokens,
      EncryptedTokens encrypted,
      Instant now) {
    var existing =
        connections.findByOwnerIdAndProviderAndExternalUserId(
            ownerId, provider, profile.externalUserId());
    if (existing.isPresent()) {
      GitConnection c = existing.get();
      String before = c.status().value();
      c.reconnect(
          profile,
          encrypted,
          tokens.scopes(),
          tokens.expiresAt(now),
          tokens.refreshTokenExpiresAt(now),
          now);
      events.connectionBy(
          actor,
          EventTypes.GIT_RECONNECTED,
          c,
          "reconnect",
          CredentialEventData.Outcome.SUCCESS,
          GitEvents.change("status", before, c.status().value()));
      return c;
    }
    GitConnection c =
        connections.save(
            GitConnection.connect(
                ownerId,
                provider,
                profile,
                encrypted,
                tokens.scopes(),
                tokens.expiresAt(now),
                tokens.refreshTokenExpiresAt(now),
                now));
    events.connectionBy(
        actor,
        EventTypes.GIT_CONNECTED,
        c,
        "connect",
        CredentialEventData.Outcome.SUCCESS,
        Map.of(
            "username",
            new CredentialEventData.Change(null, c.username()),
            "scopes",
            new CredentialEventData.Change(null, String.join(" ", c.scopes())),
            "token_hint",
            new CredentialEventData.Change(null, c.tokenHint())));
    return c;
  }

  /**
   * The user's connect attempt failed after the provider sent them back: recorded, nothing stored.
   */
  @Transactional
  public void recordFailedConnect(Actor actor, String ownerId, String provider, String error) {
    events.recordFailedConnect(actor, ownerId, provider, error);
  }
}
