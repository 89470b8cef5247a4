package io.mcpmanager.git.token;

import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.connection.GitConnection;
import io.mcpmanager.git.connection.GitConnectionRepository;
import io.mcpmanager.git.connection.GitConnectionService;
import io.mcpmanager.git.connection.GitEvents;
import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.security.CurrentUser;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Hands a fresh token to a calling service and records the access (success or not) as an event. */
@Service
public class TokenBroker {

  private final GitConnectionService connections;
  private final GitConnectionRepository repository;
  private final AccessTokens tokens;
  private final GitEvents events;
  private final TransactionTemplate transactions;

  public TokenBroker(GitConnectionService connections, GitConnectionRepository repository, AccessTokens tokens,
      GitEvents events, TransactionTemplate transactions) {
    this.connections = connections;
    this.repository = repository;
    this.tokens = tokens;
    this.events = events;
    this.transactions = transactions;
  }

  public BrokeredTokenResponse token(UUID id, String ownerId) {
    GitConnection snapshot = connections.ownedBy(ownerId, id);
    String accessToken;
    try {
      accessToken = tokens.freshAccessToken(snapshot);
    } catch (ApiException e) {
      recordAccess(id, CredentialEventData.Outcome.FAILURE, e.type().toString());
      throw e;
    }
    GitConnection current = recordAccess(id, CredentialEventData.Outcome.SUCCESS, null);
    return new BrokeredTokenResponse(id, current.provider(), accessToken, "bearer", current.expiresAt(),
        current.scopes());
  }

  private GitConnection recordAccess(UUID id, String outcome, String problem) {
    return transactions.execute(status -> {
      GitConnection c = repository.findById(id).orElseThrow();
      events.connection(EventTypes.GIT_ACCESSED, c, "read-token", outcome,
          problem == null ? GitEvents.change("token_hint", null, c.tokenHint()) : GitEvents.change("problem", null, problem));
      return c;
    });
  }

  /** For status reads by services: the caller must name the owner. */
  public io.mcpmanager.git.connection.GitConnectionResponse status(UUID id, String ownerId) {
    return connections.response(connections.ownedBy(ownerId, id));
  }

  /** Forced refresh by the owner (or an admin). */
  public io.mcpmanager.git.connection.GitConnectionResponse refresh(CurrentUser user, String provider, UUID id) {
    GitConnection c = connections.owned(user, provider, id);
    if (!c.isRefreshable()) {
      throw c.requiresReauth() ? ReauthRequiredException.forConnection(id, c.statusReason() == null ? "expired"
          : c.statusReason().value()) : NotRefreshableException.forConnection(id);
    }
    AccessTokens.Outcome outcome = tokens.refreshNow(id, c.version());
    return switch (outcome.result()) {
      case REFRESHED, UNCHANGED -> connections.response(outcome.connection());
      case EXPIRED -> throw ReauthRequiredException.forConnection(id, "invalid_grant");
      case FAILED -> throw ProviderUnavailableException.of(c.provider(), java.time.Duration.ofSeconds(30));
    };
  }
}
