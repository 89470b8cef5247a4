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
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Reading connections (owner-checked) and storing the result of an OAuth authorization. */
@Service
public class GitConnectionService {

  private final GitConnectionRepository connections;
  private final GitProviders providers;
  private final TokenVault vault;
  private final GitEvents events;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration expiresSoonWindow;

  public GitConnectionService(GitConnectionRepository connections, GitProviders providers, TokenVault vault,
      GitEvents events, TransactionTemplate transactions, Clock clock, GitProperties properties) {
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
    return connections.findByOwnerIdOrderByProviderAscConnectedAtAsc(user.id()).stream().map(this::response).toList();
  }

  @Transactional(readOnly = true)
  public List<GitConnectionResponse> list(CurrentUser user, String provider) {
    providers.get(provider);
    return connections.findByOwnerIdAndProviderOrderByConnectedAtAsc(user.id(), provider).stream()
        .map(this::response).toList();
  }

  @Transactional(readOnly = true)
  public GitConnectionResponse get(CurrentUser user, String provider, UUID id) {
    return response(owned(user, provider, id));
  }

  /** The connection if the caller may see it and it belongs to {@code provider}; 404 otherwise. */
  @Transactional(readOnly = true)
  public GitConnection owned(CurrentUser user, String provider, UUID id) {
    providers.get(provider);
    return connections.findById(id).filter(c -> user.mayAccess(c.ownerId()) && c.provider().equals(provider))
        .orElseThrow(() -> GitConnectionNotFoundException.forId(id));
  }

  /** The connection if {@code ownerId} owns it (service-to-service calls name the owner); 404 otherwise. */
  @Transactional(readOnly = true)
  public GitConnection ownedBy(String ownerId, UUID id) {
    return connections.findById(id).filter(c -> c.ownerId().equals(ownerId))
        .orElseThrow(() -> GitConnectionNotFoundException.forId(id));
  }

  public GitConnectionResponse response(GitConnection c) {
    return GitConnectionResponse.from(c, providers.get(c.provider()).displayName(), clock.instant(), expiresSoonWindow);
  }

  /**
   * Stores an authorization: a new account, or the same account (owner, provider, external id)
   * authorized again, whose tokens and profile are replaced. The tokens are encrypted before the
   * (short) write transaction opens, so no database connection waits on Vault.
   */
  public GitConnection store(Actor actor, String ownerId, String provider, GitProfile profile, TokenResponse tokens) {
    Instant now = clock.instant();
    EncryptedTokens encrypted = vault.encrypt(ownerId, tokens.accessToken(), tokens.refreshToken());
    return transactions.execute(status -> save(actor, ownerId, provider, profile, tokens, encrypted, now));
  }

  private GitConnection save(Actor actor, String ownerId, String provider, GitProfile profile, TokenResponse tokens,
      EncryptedTokens encrypted, Instant now) {
    var existing = connections.findByOwnerIdAndProviderAndExternalUserId(ownerId, provider, profile.externalUserId());
    if (existing.isPresent()) {
      GitConnection c = existing.get();
      String before = c.status().value();
      c.reconnect(profile, encrypted, tokens.scopes(), tokens.expiresAt(now), tokens.refreshTokenExpiresAt(now), now);
      events.connectionBy(actor, EventTypes.GIT_RECONNECTED, c, "reconnect", CredentialEventData.Outcome.SUCCESS,
          GitEvents.change("status", before, c.status().value()));
      return c;
    }
    GitConnection c = connections.save(GitConnection.connect(ownerId, provider, profile, encrypted, tokens.scopes(),
        tokens.expiresAt(now), tokens.refreshTokenExpiresAt(now), now));
    events.connectionBy(actor, EventTypes.GIT_CONNECTED, c, "connect", CredentialEventData.Outcome.SUCCESS,
        java.util.Map.of("username", new CredentialEventData.Change(null, c.username()),
            "scopes", new CredentialEventData.Change(null, String.join(" ", c.scopes())),
            "token_hint", new CredentialEventData.Change(null, c.tokenHint())));
    return c;
  }

  /** The user's connect attempt failed after the provider sent them back: recorded, nothing stored. */
  @Transactional
  public void recordFailedConnect(Actor actor, String ownerId, String provider, String error) {
    events.recordFailedConnect(actor, ownerId, provider, error);
  }
}
