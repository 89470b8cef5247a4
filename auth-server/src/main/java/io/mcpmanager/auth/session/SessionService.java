package io.mcpmanager.auth.session;

import io.mcpmanager.auth.client.RegisteredClients;
import io.mcpmanager.auth.user.UserDirectory;
import io.mcpmanager.auth.user.UserSummary;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.error.NotFoundException;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.security.CurrentUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's sessions: the authorizations (rows of Spring's {@code oauth2_authorization}) issued to
 * them that still hold a usable token, with what {@link SessionRecorder} noted about their client.
 * Revoking one deletes the authorization (its refresh token stops working at once) and records
 * {@code session.revoked} in the same transaction; the gateway then refuses its access tokens.
 */
@Service
public class SessionService {

  /** The claim naming a token's session (the authorization id). */
  public static final String SID = "sid";

  private static final String SESSIONS =
      """
      SELECT a.id, a.registered_client_id, a.authorization_grant_type, s.ip, s.user_agent,
             s.created_at, a.access_token_issued_at, a.access_token_expires_at,
             a.refresh_token_expires_at, a.oidc_id_token_expires_at
      FROM oauth2_authorization a LEFT JOIN account_session s ON s.authorization_id = a.id
      WHERE a.principal_name = :username
        AND a.authorization_grant_type <> 'client_credentials'
        AND a.access_token_value IS NOT NULL
        AND (a.refresh_token_expires_at > :now OR a.access_token_expires_at > :now)
      """;

  private final JdbcClient jdbc;
  private final UserDirectory users;
  private final RegisteredClientRepository clients;
  private final CredentialEvents events;
  private final Clock clock;

  SessionService(
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

  static @Nullable String sessionOf(Jwt token) {
    return token.getClaimAsString(SID);
  }

  /** Most recently seen first. */
  @Transactional(readOnly = true)
  List<SessionResponse> list(CurrentUser caller, @Nullable String currentSession) {
    return sessions(caller, null).stream()
        .map(session -> session.response(Objects.equals(session.id(), currentSession)))
        .toList();
  }

  @Transactional
  void revoke(CurrentUser caller, String id) {
    Session session =
        sessions(caller, id).stream()
            .findFirst()
            .orElseThrow(() -> SessionNotFoundException.forId(id));
    end(caller, session, "revoke");
  }

  /** Sign out everywhere: all the caller's sessions but {@code keep} (when not null). */
  @Transactional
  RevokedSessionsResponse revokeAll(CurrentUser caller, @Nullable String keep) {
    List<Session> ended =
        sessions(caller, null).stream().filter(s -> !s.id().equals(keep)).toList();
    ended.forEach(session -> end(caller, session, "revoke-all"));
    return new RevokedSessionsResponse(ended.size());
  }

  private void end(CurrentUser caller, Session session, String action) {
    jdbc.sql("DELETE FROM oauth2_authorization WHERE id = :id").param("id", session.id()).update();
    Map<String, Change> changes = new LinkedHashMap<>();
    changes.put("client_id", new Change(session.clientId(), null));
    // How long the gateway must refuse the session's tokens: until the last one expires.
    changes.put(
        "access_tokens_valid_until", new Change(session.tokensValidUntil(clock).toString(), null));
    events.record(
        EventTypes.SESSION_REVOKED,
        new CredentialEvents.Subject(caller.id(), SessionRecorder.ENTITY_TYPE, session.id()),
        action,
        Outcome.SUCCESS,
        changes);
  }

  /** The caller's sessions, or only the one with this id. */
  private List<Session> sessions(CurrentUser caller, @Nullable String id) {
    UserSummary user =
        users
            .findById(UUID.fromString(caller.id()))
            .orElseThrow(() -> NotFoundException.of("User", caller.id()));
    String sql =
        id == null
            ? SESSIONS + " ORDER BY a.access_token_issued_at DESC"
            : SESSIONS + " AND a.id = :id";
    JdbcClient.StatementSpec statement =
        jdbc.sql(sql)
            .param("username", user.username())
            .param("now", clock.instant().atOffset(ZoneOffset.UTC));
    if (id != null) {
      statement = statement.param("id", id);
    }
    return statement.query((rs, n) -> session(rs)).list();
  }

  private Session session(ResultSet rs) throws SQLException {
    String grantType = rs.getString("authorization_grant_type");
    String clientId = SessionRecorder.clientId(clients, rs.getString("registered_client_id"));
    Instant issued = instant(rs, "access_token_issued_at");
    Instant created = instant(rs, "created_at");
    return new Session(
        rs.getString("id"),
        kind(grantType, clientId),
        clientId,
        rs.getString("user_agent"),
        rs.getString("ip"),
        created == null ? Objects.requireNonNull(issued) : created,
        Objects.requireNonNull(issued),
        instant(rs, "access_token_expires_at"),
        instant(rs, "refresh_token_expires_at"),
        instant(rs, "oidc_id_token_expires_at"));
  }

  private static String kind(String grantType, String clientId) {
    if (AuthorizationGrantType.DEVICE_CODE.getValue().equals(grantType)) {
      return "cli";
    }
    if (AuthorizationGrantType.AUTHORIZATION_CODE.getValue().equals(grantType)) {
      return RegisteredClients.WEB_FRONTEND.equals(clientId) ? "browser" : "mcp_client";
    }
    return "other";
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private record Session(
      String id,
      String kind,
      String clientId,
      @Nullable String userAgent,
      @Nullable String ip,
      Instant createdAt,
      Instant lastSeenAt,
      @Nullable Instant accessTokenExpiresAt,
      @Nullable Instant refreshTokenExpiresAt,
      @Nullable Instant idTokenExpiresAt) {

    SessionResponse response(boolean current) {
      Instant expires =
          refreshTokenExpiresAt != null
              ? refreshTokenExpiresAt
              : Objects.requireNonNull(accessTokenExpiresAt);
      return new SessionResponse(
          id, kind, clientId, userAgent, ip, createdAt, lastSeenAt, expires, current);
    }

    /**
     * The latest expiry of a token issued for it: each refresh replaces the stored access token
     * with a later one, so the stored expiries are the last ones.
     */
    Instant tokensValidUntil(Clock clock) {
      Instant latest = clock.instant();
      for (Instant expiry : new Instant[] {accessTokenExpiresAt, idTokenExpiresAt}) {
        if (expiry != null && expiry.isAfter(latest)) {
          latest = expiry;
        }
      }
      return latest;
    }
  }
}
