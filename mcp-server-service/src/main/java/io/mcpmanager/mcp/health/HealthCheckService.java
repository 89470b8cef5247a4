package io.mcpmanager.mcp.health;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequestActor;
import io.mcpmanager.mcp.keys.ManagerKeys;
import io.mcpmanager.mcp.server.InvalidServerException;
import io.mcpmanager.mcp.server.McpServer;
import io.mcpmanager.mcp.server.McpServerRepository;
import io.mcpmanager.mcp.server.McpServerResponse;
import io.mcpmanager.mcp.server.ServerAccess;
import io.mcpmanager.mcp.server.SsrfGuard;
import io.mcpmanager.mcp.server.TlsMaterial;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live MCP health checks. The network call runs outside any database transaction: the server is
 * read in one short transaction, probed, and the outcome (with its event) written in another.
 */
@Service
public class HealthCheckService {

  static final String JOB = "mcp-health-check";
  private static final Logger log = LoggerFactory.getLogger(HealthCheckService.class);

  private final McpServerRepository servers;
  private final ServerAccess access;
  private final ManagerKeys keys;
  private final McpProbe probe;
  private final SsrfGuard ssrf;
  private final SecretCipher cipher;
  private final CredentialEvents events;
  private final TransactionTemplate transactions;
  private final TransactionTemplate readOnly;
  private final MeterRegistry meters;
  private final Clock clock;

  HealthCheckService(McpServerRepository servers, ServerAccess access, ManagerKeys keys, McpProbe probe,
      SsrfGuard ssrf, SecretCipher cipher, CredentialEvents events, TransactionTemplate transactions,
      MeterRegistry meters, Clock clock) {
    this.servers = servers;
    this.access = access;
    this.keys = keys;
    this.probe = probe;
    this.ssrf = ssrf;
    this.cipher = cipher;
    this.events = events;
    this.transactions = transactions;
    this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
    this.readOnly.setReadOnly(true);
    this.meters = meters;
    this.clock = clock;
  }

  /** Checks one server for its owner (or an admin) now. */
  public CheckResponse check(CurrentUser user, UUID id) {
    McpServer server = readOnly.execute(status -> access.require(user, id));
    return check(server, RequestActor.current(JOB));
  }

  /** The periodic job: checks every server that is not switched off; one failure does not stop the rest. */
  public int checkAll() {
    List<UUID> ids = readOnly.execute(status -> servers.findIdsToCheck());
    int checked = 0;
    for (UUID id : ids) {
      try {
        Optional<McpServer> server = readOnly.execute(status -> servers.findById(id));
        if (server.isPresent()) {
          check(server.get(), Actor.system(JOB));
          checked++;
        }
      } catch (RuntimeException e) {
        log.warn("health check of MCP server {} failed: {}", id, e.getClass().getSimpleName());
      }
    }
    return checked;
  }

  private CheckResponse check(McpServer server, Actor actor) {
    ProbeResult result;
    try {
      URI url = ssrf.check(server.url());
      String token = keys.tokenFor(server);
      result = probe.probe(url, token,
          server.tlsCertificate() == null ? null : TlsMaterial.stored(server.tlsCertificate()).sslContext());
    } catch (InvalidServerException refused) {
      result = ProbeResult.failed(ProbeResult.UNREACHABLE, refused.getMessage(), 0);
    }
    Timer.builder("mcpm.mcp.health.check").description("Live MCP health check (initialize + tools/list)")
        .tag("outcome", result.ok() ? "ok" : result.errorType())
        .register(meters).record(Duration.ofMillis(result.latencyMs()));
    String session = result.sessionId() == null ? null : cipher.encrypt(server.ownerId(), result.sessionId());
    ProbeResult outcome = result;
    McpServer updated = transactions.execute(status -> record(server.id(), outcome, session, actor));
    return new CheckResponse(outcome.ok(), outcome.errorType(), outcome.errorMessage(), outcome.latencyMs(),
        McpServerResponse.from(updated));
  }

  private McpServer record(UUID id, ProbeResult result, String sessionCiphertext, Actor actor) {
    McpServer server = access.require(id);
    String before = server.status().value();
    if (result.ok()) {
      server.markReachable(result.serverName(), result.serverVersion(), result.protocolVersion(),
          result.capabilities(), result.tools(), result.latencyMs(), sessionCiphertext, clock.instant());
    } else {
      server.markFailed(result.errorType(), result.errorMessage(), result.latencyMs(), clock.instant());
    }
    servers.flush();
    Map<String, Change> changes = new LinkedHashMap<>();
    changes.put("status", new Change(before, server.status().value()));
    changes.put("latency_ms", new Change(null, result.latencyMs()));
    if (result.ok()) {
      changes.put("tools", new Change(null, result.tools().size()));
    } else {
      changes.put("error_type", new Change(null, result.errorType()));
    }
    events.record(EventTypes.MCP_SERVER_CHECKED, actor, ServerAccess.subject(server), "check",
        result.ok() ? Outcome.SUCCESS : Outcome.FAILURE, changes);
    return server;
  }

  /** The outcome of a check and the server as it is now. */
  public record CheckResponse(boolean ok, String errorType, String errorMessage, long latencyMs,
      McpServerResponse server) {}
}
