package io.mcpmanager.mcp.integration;

import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.mcp.integration.CredentialSource.CredentialStatus;
import io.mcpmanager.mcp.server.NonSecretConfig;
import io.mcpmanager.mcp.server.ServerRef;
import io.mcpmanager.mcp.server.ServerRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which credentials a server may use; validity is checked with the owning services' status APIs.
 */
@Service
public class McpIntegrationService {

  static final String ENTITY = "mcp-integration";

  private final McpIntegrationRepository integrations;
  private final ServerRegistry servers;
  private final CredentialSource credentials;
  private final CredentialEvents events;
  private final Clock clock;

  McpIntegrationService(
      McpIntegrationRepository integrations,
      ServerRegistry servers,
      CredentialSource credentials,
      CredentialEvents events,
      Clock clock) {
    this.integrations = integrations;
    this.servers = servers;
    this.credentials = credentials;
    this.events = events;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public List<McpIntegrationResponse> list(CurrentUser user, UUID serverId) {
    ServerRef server = servers.reference(user, serverId);
    return integrations.findByServerIdOrderByCreatedAt(server.id()).stream()
        .map(McpIntegrationResponse::from)
        .toList();
  }

  @Transactional
  public McpIntegrationResponse create(
      CurrentUser user, UUID serverId, CreateMcpIntegrationRequest request) {
    ServerRef server = servers.ownedReference(user, serverId);
    Instant now = clock.instant();
    McpIntegration integration =
        McpIntegration.link(
            server.id(),
            server.ownerId(),
            request.integration(),
            request.gitConnectionId(),
            !Boolean.FALSE.equals(request.enabled()),
            NonSecretConfig.check(request.config()),
            now);
    integrations.saveAndFlush(integration);
    sync(integration);
    events.record(
        integration.enabled()
            ? EventTypes.MCP_INTEGRATION_ENABLED
            : EventTypes.MCP_INTEGRATION_DISABLED,
        subject(integration),
        "link",
        Outcome.SUCCESS,
        Map.of(
            "mcp_server_id",
            new Change(null, server.id()),
            "target",
            new Change(null, integration.target()),
            "enabled",
            new Change(null, integration.enabled())));
    return McpIntegrationResponse.from(integration);
  }

  @Transactional
  public McpIntegrationResponse update(
      CurrentUser user, UUID serverId, UUID id, UpdateMcpIntegrationRequest request) {
    boolean disableOnly = Boolean.FALSE.equals(request.enabled()) && request.config() == null;
    McpIntegration integration =
        disableOnly ? require(user, serverId, id) : requireOwned(user, serverId, id);
    Instant now = clock.instant();
    if (request.enabled() != null && request.enabled() != integration.enabled()) {
      if (request.enabled()) {
        integration.enable(now);
        sync(integration);
      } else {
        integration.disable(now);
      }
      events.record(
          request.enabled()
              ? EventTypes.MCP_INTEGRATION_ENABLED
              : EventTypes.MCP_INTEGRATION_DISABLED,
          subject(integration),
          request.enabled() ? "enable" : "disable",
          Outcome.SUCCESS,
          Map.of(
              "target",
              new Change(integration.target(), integration.target()),
              "enabled",
              new Change(!request.enabled(), request.enabled())));
    }
    if (request.config() != null && !request.config().equals(integration.config())) {
      Map<String, Change> changes = new LinkedHashMap<>();
      changes.put("config", new Change(integration.config().keySet(), request.config().keySet()));
      integration.reconfigure(NonSecretConfig.check(request.config()), now);
      events.record(
          EventTypes.MCP_INTEGRATION_UPDATED,
          subject(integration),
          "update",
          Outcome.SUCCESS,
          changes);
    }
    integrations.flush();
    return McpIntegrationResponse.from(integration);
  }

  /** Asks the owning service again whether the credential is usable. */
  @Transactional
  public McpIntegrationResponse verify(CurrentUser user, UUID serverId, UUID id) {
    McpIntegration integration = requireOwned(user, serverId, id);
    sync(integration);
    integrations.flush();
    return McpIntegrationResponse.from(integration);
  }

  @Transactional
  public void delete(CurrentUser user, UUID serverId, UUID id) {
    McpIntegration integration = require(user, serverId, id);
    integrations.delete(integration);
    integrations.flush();
    events.record(
        EventTypes.MCP_INTEGRATION_DELETED,
        subject(integration),
        "unlink",
        Outcome.SUCCESS,
        Map.of("target", new Change(integration.target(), null)));
  }

  /** The link the broker needs: a server's integration for a type or a git connection. */
  @Transactional(readOnly = true)
  public Optional<IntegrationLink> linkFor(
      UUID serverId, @Nullable String integrationType, @Nullable String gitConnectionId) {
    Optional<McpIntegration> link =
        integrationType != null
            ? integrations.findByServerIdAndIntegrationType(serverId, integrationType)
            : gitConnectionId != null
                ? integrations.findByServerIdAndGitConnectionId(serverId, gitConnectionId)
                : Optional.empty();
    return link.map(IntegrationLink::of);
  }

  /** For listing, disabling and unlinking: the owner or an admin. */
  private McpIntegration require(CurrentUser user, UUID serverId, UUID id) {
    return find(servers.reference(user, serverId), id);
  }

  /** For every other change: the owner only (an admin gets the same 404 as anyone else). */
  private McpIntegration requireOwned(CurrentUser user, UUID serverId, UUID id) {
    return find(servers.ownedReference(user, serverId), id);
  }

  private McpIntegration find(ServerRef server, UUID id) {
    return integrations
        .findByIdAndServerId(id, server.id())
        .orElseThrow(() -> McpIntegrationNotFoundException.forId(id));
  }

  private void sync(McpIntegration integration) {
    Instant now = clock.instant();
    try {
      String gitConnectionId = integration.gitConnectionId();
      CredentialStatus status =
          gitConnectionId != null
              ? credentials.gitStatus(
                  integration.serverId(), integration.ownerId(), gitConnectionId)
              // without a git connection the link names an integration type
              // (mcp_integration_target_ck)
              : credentials.integrationStatus(
                  integration.serverId(),
                  integration.ownerId(),
                  Objects.requireNonNull(integration.integrationType()));
      integration.synced(
          status.valid(),
          status.exists()
              ? "the credential is " + status.status()
              : "no such credential in the owning service",
          now);
    } catch (CredentialSourceUnavailableException e) {
      integration.syncFailed(
          "credential status could not be checked; the owning service is unavailable", now);
    }
  }

  private static CredentialEvents.Subject subject(McpIntegration integration) {
    return new CredentialEvents.Subject(integration.ownerId(), ENTITY, integration.id().toString());
  }
}
