package io.mcpmanager.mcp.broker;

import io.mcpmanager.events.Actor;
import io.mcpmanager.kit.events.DisabledOwners;
import io.mcpmanager.mcp.broker.BrokerAudit.Attempt;
import io.mcpmanager.mcp.broker.ServerTokenVerifier.VerifiedToken;
import io.mcpmanager.mcp.integration.CredentialNotFoundException;
import io.mcpmanager.mcp.integration.CredentialSource;
import io.mcpmanager.mcp.integration.CredentialSource.BrokeredCredential;
import io.mcpmanager.mcp.integration.CredentialSourceUnavailableException;
import io.mcpmanager.mcp.integration.IntegrationLink;
import io.mcpmanager.mcp.integration.McpIntegrationService;
import io.mcpmanager.mcp.server.ServerIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Hands an MCP server the credential of the user it acts for, after proving who the server is (its
 * own signed, single-use JWT), that it is active, and that the integration is linked and enabled.
 * Not one transaction: each step commits on its own, and every outcome is recorded.
 */
@Service
public class BrokerService {

  /** Where the request came from, for the event's actor. */
  public record Caller(String ip, @Nullable String userAgent) {}

  private final ServerTokenVerifier verifier;
  private final BrokerJtiStore jtis;
  private final McpIntegrationService integrations;
  private final CredentialSource credentials;
  private final BrokerAudit audit;
  private final DisabledOwners disabledOwners;
  private final BrokerBudget budget;
  private final Clock clock;

  BrokerService(
      ServerTokenVerifier verifier,
      BrokerJtiStore jtis,
      McpIntegrationService integrations,
      CredentialSource credentials,
      BrokerAudit audit,
      DisabledOwners disabledOwners,
      BrokerBudget budget,
      Clock clock) {
    this.budget = budget;
    this.verifier = verifier;
    this.jtis = jtis;
    this.integrations = integrations;
    this.credentials = credentials;
    this.audit = audit;
    this.disabledOwners = disabledOwners;
    this.clock = clock;
  }

  public BrokerResponse broker(@Nullable String serverToken, BrokerRequest request, Caller caller) {
    Optional<UUID> claimedId =
        ServerTokenVerifier.claimedServer(serverToken == null ? "" : serverToken);
    String claimed = claimedId.map(UUID::toString).orElse(null);
    Attempt attempt =
        new Attempt(
            actor(claimed, caller),
            claimed,
            claimedId.flatMap(verifier::ownerOf).orElse(null),
            request.target());
    try {
      VerifiedToken token = verifier.verify(serverToken, clock.instant());
      ServerIdentity server = token.server();
      attempt =
          new Attempt(
              actor(server.id().toString(), caller),
              server.id().toString(),
              server.ownerId(),
              request.target());
      Optional<Duration> wait = budget.take(server.id());
      if (wait.isPresent()) {
        throw BrokerDeniedException.throttled(wait.get());
      }
      if (!jtis.claim(server.id(), token.jti(), token.expiresAt())) {
        throw BrokerDeniedException.unauthenticated(
            "replayed_jti", "This token was used before; sign a new one");
      }
      if (!server.isActive()) {
        throw BrokerDeniedException.forbidden(
            "server_inactive",
            "The server is "
                + server.status().value()
                + "; only active servers may receive credentials");
      }
      if (disabledOwners.isDisabled(server.ownerId())) {
        throw BrokerDeniedException.forbidden(
            "owner_disabled", "The server's owner is disabled; it receives no credentials");
      }
      IntegrationLink link =
          integrations
              .linkFor(server.id(), request.integration(), request.gitConnectionId())
              .orElseThrow(
                  () ->
                      BrokerDeniedException.forbidden(
                          "integration_not_linked",
                          "The server is not linked to " + request.target()));
      if (!link.enabled()) {
        throw BrokerDeniedException.forbidden(
            "integration_disabled",
            "The integration " + request.target() + " is disabled for this server");
      }
      BrokerResponse credential = fetch(server, request);
      audit.brokered(attempt, credential.type());
      return credential;
    } catch (BrokerDeniedException denial) {
      audit.denied(attempt, denial.reason());
      throw denial;
    } catch (CredentialSourceUnavailableException unavailable) {
      audit.failed(attempt, "credential_source_unavailable");
      throw unavailable;
    }
  }

  private BrokerResponse fetch(ServerIdentity server, BrokerRequest request) {
    try {
      String integration = request.integration();
      // a valid request names an integration type or else a git connection
      BrokeredCredential credential =
          integration != null
              ? credentials.integrationCredential(server.id(), server.ownerId(), integration)
              : credentials.gitCredential(
                  server.id(), server.ownerId(), Objects.requireNonNull(request.gitConnectionId()));
      String secret = credential.credential();
      if (secret == null || secret.isEmpty()) {
        throw BrokerDeniedException.forbidden(
            "credential_not_found", "The user has no usable credential for " + request.target());
      }
      return new BrokerResponse(secret, credential.type(), credential.expiresAt());
    } catch (CredentialNotFoundException e) {
      throw BrokerDeniedException.forbidden(
          "credential_not_found", "The user has no credential for " + request.target());
    }
  }

  private static Actor actor(@Nullable String serverId, Caller caller) {
    return new Actor(
        Actor.Kind.SERVICE,
        "mcp-server:" + (serverId == null ? "unknown" : serverId),
        caller.ip(),
        caller.userAgent());
  }
}
