package io.mcpmanager.git.token;

import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.git.connection.AccessTokens;
import io.mcpmanager.git.connection.ConnectionGrant;
import io.mcpmanager.git.connection.GitConnectionNotFoundException;
import io.mcpmanager.git.connection.GitConnectionResponse;
import io.mcpmanager.git.connection.GitConnectionService;
import io.mcpmanager.kit.error.ApiException;
import io.mcpmanager.kit.events.DisabledOwners;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Hands a fresh token to a calling service and records the access (success or not) as an event. */
@Service
public class TokenBroker {

  private final GitConnectionService connections;
  private final AccessTokens tokens;
  private final DisabledOwners disabledOwners;

  public TokenBroker(
      GitConnectionService connections, AccessTokens tokens, DisabledOwners disabledOwners) {
    this.connections = connections;
    this.tokens = tokens;
    this.disabledOwners = disabledOwners;
  }

  public BrokeredTokenResponse token(UUID id, String ownerId) {
    // A disabled owner's tokens are not handed out (user.disabled, kept by the kit's listener).
    disabledOwners.requireEnabled(ownerId);
    Optional<String> accessToken;
    try {
      accessToken = tokens.freshAccessToken(ownerId, id);
    } catch (ApiException e) {
      connections.recordTokenRead(id, CredentialEventData.Outcome.FAILURE, e.type().toString());
      throw e;
    }
    // Not the owner's (or gone): a 404 without an access event, as nothing was read.
    String token = accessToken.orElseThrow(() -> GitConnectionNotFoundException.forId(id));
    ConnectionGrant current =
        connections.recordTokenRead(id, CredentialEventData.Outcome.SUCCESS, null);
    return new BrokeredTokenResponse(
        id, current.provider(), token, "bearer", current.expiresAt(), current.scopes());
  }

  /** For status reads by services: the caller must name the owner. */
  public GitConnectionResponse status(UUID id, String ownerId) {
    return connections.status(ownerId, id);
  }
}
