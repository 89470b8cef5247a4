package io.mcpmanager.mcp.health;

import io.mcpmanager.events.Actor;
import io.mcpmanager.kit.outbound.CheckedTarget;
import io.mcpmanager.kit.outbound.OutboundGuard;
import io.mcpmanager.kit.outbound.OutboundRefusedException;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.kit.security.RequestActor;
import io.mcpmanager.mcp.keys.ManagerKeys;
import io.mcpmanager.mcp.server.McpServerResponse;
import io.mcpmanager.mcp.server.ProbeTarget;
import io.mcpmanager.mcp.server.ServerRegistry;
import io.mcpmanager.mcp.server.ServerStateService;
import io.mcpmanager.mcp.server.TlsMaterial;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Live MCP health checks. The network call runs outside any database transaction: the server is
 * read in one short transaction, probed, and the outcome (with its event) written in another.
 */
@Service
public class HealthCheckService {

  static final String JOB = "mcp-health-check";
  private static final Logger log = LoggerFactory.getLogger(HealthCheckService.class);

  private final ServerRegistry registry;
  private final ServerStateService state;
  private final ManagerKeys keys;
  private final McpProbe probe;
  private final OutboundGuard guard;
  private final SecretCipher cipher;
  private final MeterRegistry meters;

  HealthCheckService(
      ServerRegistry registry,
      ServerStateService state,
      ManagerKeys keys,
      McpProbe probe,
      OutboundGuard guard,
      SecretCipher cipher,
      MeterRegistry meters) {
    this.registry = registry;
    this.state = state;
    this.keys = keys;
    this.probe = probe;
    this.guard = guard;
    this.cipher = cipher;
    this.meters = meters;
  }

  /** Checks one server for its owner (or an admin) now. */
  public CheckResponse check(CurrentUser user, UUID id) {
    return check(registry.probeTarget(user, id), RequestActor.current(JOB));
  }

  /**
   * The periodic job: checks every server that is not switched off; one failure does not stop the
   * rest.
   */
  public int checkAll() {
    List<UUID> ids = registry.idsToCheck();
    int checked = 0;
    for (UUID id : ids) {
      try {
        Optional<ProbeTarget> server = registry.probeTarget(id);
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

  private CheckResponse check(ProbeTarget server, Actor actor) {
    ProbeResult result;
    try {
      // Resolved and judged once, now: the probe connects to exactly these addresses, so a DNS
      // answer that changed since registration (or changes mid-check) never gets a say.
      CheckedTarget target = guard.check(server.url());
      String token = keys.tokenFor(server.managerKey());
      result =
          probe.probe(
              target,
              token,
              server.tlsCertificate() == null
                  ? null
                  : TlsMaterial.stored(server.tlsCertificate()).sslContext());
    } catch (OutboundRefusedException refused) {
      result = ProbeResult.failed(ProbeResult.UNREACHABLE, refused.detail(), 0);
    }
    Timer.builder("mcpm.mcp.health.check")
        .description("Live MCP health check (initialize + tools/list)")
        .tag("outcome", result.outcome())
        .register(meters)
        .record(Duration.ofMillis(result.latencyMs()));
    String session =
        result.sessionId() == null ? null : cipher.encrypt(server.ownerId(), result.sessionId());
    McpServerResponse updated =
        result.ok()
            ? state.recordReachable(
                server.id(),
                result.serverName(),
                result.serverVersion(),
                result.protocolVersion(),
                result.capabilities(),
                result.tools(),
                result.latencyMs(),
                session,
                actor)
            : state.recordFailed(
                server.id(),
                result.failureType(),
                result.errorMessage(),
                result.latencyMs(),
                actor);
    return new CheckResponse(
        result.ok(), result.errorType(), result.errorMessage(), result.latencyMs(), updated);
  }

  /** The outcome of a check and the server as it is now. */
  public record CheckResponse(
      boolean ok,
      @Nullable String errorType,
      @Nullable String errorMessage,
      long latencyMs,
      McpServerResponse server) {}
}
