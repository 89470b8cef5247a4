package io.mcpmanager.auth.session;

import io.mcpmanager.auth.user.UserDirectory;
import io.mcpmanager.auth.user.UserSummary;
import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Keeps {@code account_session} beside each user authorization: the user agent and address of the
 * request that created it, and, once its user is known (at once for a browser sign-in, when the
 * code is confirmed for the device flow), whether that user had signed in from this device before:
 * if not, the event {@code session.new-device}.
 */
@Component
public class SessionRecorder {

  static final String ENTITY_TYPE = "session";
  private static final int MAX_USER_AGENT = 256;
  private static final int MAX_IP = 64;

  private final JdbcClient jdbc;
  private final UserDirectory users;
  private final RegisteredClientRepository clients;
  private final CredentialEvents events;
  private final Clock clock;

  SessionRecorder(
      JdbcClient jdbc,
      UserDirectory users,
      RegisteredClientRepository clients,
      CredentialEvents events,
      Clock clock) {
    this.jdbc = jdbc;
    this.users = users;
    this.clients = clients;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public void saved(OAuth2Authorization authorization) {
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(
        authorization.getAuthorizationGrantType())) {
      return;
    }
    Instant now = clock.instant();
    HttpServletRequest request = currentRequest();
    jdbc.sql(
            """
            INSERT INTO account_session (authorization_id, ip, user_agent, created_at)
            VALUES (:id, :ip, :agent, :now)
            ON CONFLICT (authorization_id) DO NOTHING""")
        .param("id", authorization.getId())
        .param("ip", request == null ? null : truncate(request.getRemoteAddr(), MAX_IP))
        .param(
            "agent",
            request == null ? null : truncate(request.getHeader("User-Agent"), MAX_USER_AGENT))
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
    UserSummary user = user(authorization);
    if (user == null) {
      return;
    }
    record Device(@Nullable String ip, @Nullable String userAgent) {}
    Device device =
        jdbc.sql(
                """
                UPDATE account_session SET user_id = :user
                WHERE authorization_id = :id AND user_id IS NULL
                RETURNING ip, user_agent""")
            .param("user", user.id())
            .param("id", authorization.getId())
            .query((rs, n) -> new Device(rs.getString("ip"), rs.getString("user_agent")))
            .optional()
            .orElse(null);
    if (device != null && firstSeen(user, device.ip(), device.userAgent(), now)) {
      Map<String, Change> changes = new LinkedHashMap<>();
      changes.put("client_id", new Change(null, clientId(clients, authorization)));
      changes.put("ip", new Change(null, device.ip()));
      changes.put("user_agent", new Change(null, device.userAgent()));
      events.record(
          EventTypes.SESSION_NEW_DEVICE,
          Actor.user(user.id().toString(), device.ip(), device.userAgent()),
          new CredentialEvents.Subject(user.id().toString(), ENTITY_TYPE, authorization.getId()),
          "sign-in",
          Outcome.SUCCESS,
          changes);
    }
  }

  /** True when the user had never signed in with this user agent from this address. */
  private boolean firstSeen(
      UserSummary user, @Nullable String ip, @Nullable String userAgent, Instant now) {
    return jdbc.sql(
            """
                INSERT INTO known_device (user_id, fingerprint, first_seen_at, last_seen_at)
                VALUES (:user, :fingerprint, :now, :now)
                ON CONFLICT (user_id, fingerprint) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at
                RETURNING (xmax = 0) AS inserted""")
        .param("user", user.id())
        .param("fingerprint", fingerprint(ip, userAgent))
        .param("now", now.atOffset(ZoneOffset.UTC))
        .query(Boolean.class)
        .single();
  }

  /** The authorization's user once it has one: a device-flow request has only its client before. */
  private @Nullable UserSummary user(OAuth2Authorization authorization) {
    if (authorization.getAttribute(Principal.class.getName()) == null) {
      return null;
    }
    return users.find(authorization.getPrincipalName()).orElse(null);
  }

  static String clientId(RegisteredClientRepository clients, OAuth2Authorization authorization) {
    return clientId(clients, authorization.getRegisteredClientId());
  }

  /** The OAuth client id of a registered client's internal id (clients live in configuration). */
  static String clientId(RegisteredClientRepository clients, String registeredClientId) {
    RegisteredClient client = clients.findById(registeredClientId);
    return client == null ? registeredClientId : client.getClientId();
  }

  private static String fingerprint(@Nullable String ip, @Nullable String userAgent) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (Objects.toString(userAgent, "") + "\n" + Objects.toString(ip, ""))
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static @Nullable HttpServletRequest currentRequest() {
    return RequestContextHolder.getRequestAttributes()
            instanceof ServletRequestAttributes attributes
        ? attributes.getRequest()
        : null;
  }

  private static @Nullable String truncate(@Nullable String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
