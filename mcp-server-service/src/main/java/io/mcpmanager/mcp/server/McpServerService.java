package io.mcpmanager.mcp.server;

import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.mcp.config.McpMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Pageable;
import org.springframework.lang.Contract;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers, changes and removes MCP servers; every change is an event in the same transaction. */
@Service
public class McpServerService {

  private final McpServerRepository servers;
  private final ServerAccess access;
  private final ServerUrls urls;
  private final ServerKeyVault keys;
  private final CredentialEvents events;
  private final McpMetrics metrics;
  private final Clock clock;

  McpServerService(
      McpServerRepository servers,
      ServerAccess access,
      ServerUrls urls,
      ServerKeyVault keys,
      CredentialEvents events,
      McpMetrics metrics,
      Clock clock) {
    this.servers = servers;
    this.access = access;
    this.urls = urls;
    this.keys = keys;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public PageResponse<McpServerResponse> list(CurrentUser user, Pageable pageable) {
    return PageResponse.from(servers.findByOwnerId(user.id(), pageable), McpServerResponse::from);
  }

  @Transactional(readOnly = true)
  public McpServerResponse get(CurrentUser user, UUID id) {
    return McpServerResponse.from(access.require(user, id));
  }

  /** Checks everything, saves the server, then has Vault create its non-exportable manager key. */
  @Transactional
  public McpServerResponse register(CurrentUser user, RegisterServerRequest request) {
    Instant now = clock.instant();
    URI url = urls.check(request.url().strip());
    TlsMaterial tls =
        blank(request.tlsCertificate())
            ? null
            : TlsMaterial.parse(request.tlsCertificate(), url, now);
    ServerPublicKey serverKey =
        blank(request.serverPublicKey()) ? null : ServerPublicKey.parse(request.serverPublicKey());
    McpServer server =
        McpServer.register(
            UUID.randomUUID(),
            user.id(),
            request.name().strip(),
            url.toString(),
            NonSecretConfig.check(request.config()),
            now);
    server.pinTls(tls, now);
    server.trustServerKey(serverKey, now);
    servers.saveAndFlush(server);
    keys.create(ManagerKey.of(server));
    events.record(
        EventTypes.MCP_SERVER_REGISTERED,
        ServerSubject.of(server),
        "register",
        Outcome.SUCCESS,
        Map.of(
            "name",
            new Change(null, server.name()),
            "url",
            new Change(null, server.url()),
            "status",
            new Change(null, server.status().value())));
    events.record(
        EventTypes.MCP_KEY_CREATED,
        ServerSubject.of(server),
        "create-key",
        Outcome.SUCCESS,
        Map.of("key_version", new Change(null, server.keyVersion())));
    metrics.succeeded(Operation.CREATE);
    return McpServerResponse.from(server);
  }

  /**
   * An admin may only disable a foreign server ({@code {"enabled": false}}); every other change
   * (key, URL, TLS pin, name, config, re-enabling) is the owner's alone, and an admin gets the same
   * 404 as anyone else. A new key or URL sends the server back to {@code connecting}: it receives
   * no credential until a check has verified it again.
   */
  @Transactional
  public McpServerResponse update(CurrentUser user, UUID id, UpdateServerRequest request) {
    McpServer server =
        disableOnly(request) ? access.require(user, id) : access.requireOwned(user, id);
    Instant now = clock.instant();
    String statusBefore = server.status().value();
    Map<String, Change> changes = new LinkedHashMap<>();
    if (request.name() != null && !request.name().strip().equals(server.name())) {
      changes.put("name", new Change(server.name(), request.name().strip()));
      server.rename(request.name().strip(), now);
    }
    URI url = URI.create(server.url());
    if (request.url() != null && !request.url().strip().equals(server.url())) {
      url = urls.check(request.url().strip());
      changes.put("url", new Change(server.url(), url.toString()));
      server.moveTo(url.toString(), now);
    }
    if (request.tlsCertificate() != null) {
      TlsMaterial tls =
          blank(request.tlsCertificate())
              ? null
              : TlsMaterial.parse(request.tlsCertificate(), url, now);
      changes.put(
          "tls_certificate_expires_at",
          new Change(server.tlsCertificateExpiresAt(), tls == null ? null : tls.expiresAt()));
      server.pinTls(tls, now);
    } else if (server.tlsCertificate() != null && changes.containsKey("url")) {
      TlsMaterial.parse(server.tlsCertificate(), url, now);
    }
    if (request.serverPublicKey() != null) {
      ServerPublicKey key =
          blank(request.serverPublicKey())
              ? null
              : ServerPublicKey.parse(request.serverPublicKey());
      String before = fingerprint(server.serverPublicKey());
      String after = key == null ? null : key.fingerprint();
      if (!Objects.equals(before, after)) {
        changes.put(
            "server_public_key_algorithm",
            new Change(
                server.serverPublicKeyAlgorithm(), key == null ? null : key.algorithm().name()));
        changes.put("server_public_key_fingerprint", new Change(before, after));
        server.trustServerKey(key, now);
        server.requireVerification(now);
      }
    }
    if (request.config() != null && !Objects.equals(request.config(), server.config())) {
      changes.put("config", new Change(server.config().keySet(), request.config().keySet()));
      server.reconfigure(NonSecretConfig.check(request.config()), now);
    }
    if (Boolean.FALSE.equals(request.enabled())) {
      server.deactivate(now);
    } else if (Boolean.TRUE.equals(request.enabled())) {
      server.reactivate(now);
    }
    if (!statusBefore.equals(server.status().value())) {
      changes.put("status", new Change(statusBefore, server.status().value()));
    }
    if (!changes.isEmpty()) {
      events.record(
          changes.containsKey("server_public_key_fingerprint")
              ? EventTypes.MCP_SERVER_REKEYED
              : changes.containsKey("url")
                  ? EventTypes.MCP_SERVER_REPOINTED
                  : EventTypes.MCP_SERVER_UPDATED,
          ServerSubject.of(server),
          "update",
          Outcome.SUCCESS,
          changes);
    }
    servers.flush();
    return McpServerResponse.from(server);
  }

  @Transactional
  public void delete(CurrentUser user, UUID id) {
    McpServer server = access.require(user, id);
    servers.delete(server);
    servers.flush();
    events.record(
        EventTypes.MCP_SERVER_DELETED,
        ServerSubject.of(server),
        "delete",
        Outcome.SUCCESS,
        Map.of("name", new Change(server.name(), null), "url", new Change(server.url(), null)));
    events.record(
        EventTypes.MCP_KEY_RETIRED,
        ServerSubject.of(server),
        "destroy-key",
        Outcome.SUCCESS,
        Map.of("key_version", new Change(server.keyVersion(), null)));
    keys.destroy(ManagerKey.of(server));
    metrics.succeeded(Operation.REVOKE);
  }

  private static boolean disableOnly(UpdateServerRequest request) {
    return Boolean.FALSE.equals(request.enabled())
        && request.name() == null
        && request.url() == null
        && request.tlsCertificate() == null
        && request.serverPublicKey() == null
        && request.config() == null;
  }

  private static @Nullable String fingerprint(@Nullable String storedPem) {
    return storedPem == null ? null : ServerPublicKey.stored(storedPem).fingerprint();
  }

  @Contract("null -> true")
  private static boolean blank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
