package io.mcpmanager.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.AuthServerTest;
import io.mcpmanager.auth.testdata.Api;
import io.mcpmanager.auth.testdata.OAuthFlows;
import io.mcpmanager.auth.testdata.UserMother;
import io.mcpmanager.auth.user.UserAdminService;
import io.mcpmanager.auth.user.UserResponse;
import io.mcpmanager.events.EventTypes;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * /api/account/sessions: every sign-in listed with its client and the current one marked, foreign
 * sessions 404, a revoked session's refresh token refused at once and its revocation an event; a
 * sign-in from a device the user never used is an event.
 */
class SessionApiTests extends AuthServerTest {

  private static final String SESSIONS = "/api/account/sessions";

  @Autowired UserAdminService users;
  @Autowired JdbcClient jdbc;

  private final Api api = new Api(ISSUER);
  private final OAuthFlows flows = new OAuthFlows(ISSUER);

  @Nested
  class Listing {

    @Test
    void shouldListEverySignInWithItsClientAndMarkTheCurrentOne() {
      UserResponse alice = UserMother.user(users, "alice");
      SignIn laptop = signIn(alice, "198.51.100.7");
      SignIn phone = signIn(alice, "198.51.100.8");

      HttpResponse<String> response = api.get(SESSIONS, laptop.accessToken());

      assertThat(response.statusCode()).isEqualTo(200);
      List<Map<String, Object>> sessions = Api.array(response.body());
      assertThat(sessions).extracting(s -> s.get("id")).containsExactly(phone.sid(), laptop.sid());
      assertThat(sessions.get(1))
          .containsEntry("current", true)
          .containsEntry("kind", "browser")
          .containsEntry("client_id", "web-frontend")
          .containsEntry("ip", "198.51.100.7")
          .containsKeys("created_at", "last_seen_at", "expires_at");
      assertThat((String) sessions.get(1).get("user_agent")).contains("Java-http-client");
      assertThat(sessions.get(0))
          .containsEntry("current", false)
          .containsEntry("ip", "198.51.100.8");
      assertThat(Instant.parse((String) sessions.get(1).get("expires_at"))).isAfter(Instant.now());
      assertThat(response.body())
          .doesNotContain(laptop.refreshToken())
          .doesNotContain(phone.refreshToken());
    }

    @Test
    void shouldListADeviceFlowCliWithTheCliAsItsDevice() {
      UserResponse alice = UserMother.user(users, "alice");
      Map<String, Object> tokens =
          flows.deviceFlow(alice.username(), UserMother.PASSWORD, "203.0.113.50", "203.0.113.60");
      String access = (String) tokens.get("access_token");
      String sid = flows.validate(access).getClaimAsString("sid");

      List<Map<String, Object>> sessions = Api.array(api.get(SESSIONS, access).body());

      assertThat(sessions)
          .singleElement()
          .satisfies(
              session ->
                  assertThat(session)
                      .containsEntry("id", sid)
                      .containsEntry("kind", "cli")
                      .containsEntry("client_id", "mcpm-cli")
                      .containsEntry("ip", "203.0.113.50")
                      .containsEntry("current", true));
      assertThat(Api.events(jdbc, EventTypes.SESSION_NEW_DEVICE, sid))
          .singleElement()
          .satisfies(
              event ->
                  assertThat(change(data(event), "ip")).containsEntry("after", "203.0.113.50"));
    }

    @Test
    void shouldNotShowAnotherUsersSessions() {
      SignIn alice = signIn(UserMother.user(users, "alice"), "198.51.100.9");
      SignIn bob = signIn(UserMother.user(users, "bob"), "198.51.100.9");

      List<Map<String, Object>> bobs = Api.array(api.get(SESSIONS, bob.accessToken()).body());

      assertThat(bobs).extracting(s -> s.get("id")).containsExactly(bob.sid());
    }
  }

  @Nested
  class Revoke {

    @Test
    void shouldEndTheSessionSoItsRefreshTokenIsRefusedAndRecordTheEvent() {
      UserResponse alice = UserMother.user(users, "alice");
      SignIn current = signIn(alice, "198.51.100.10");
      SignIn stolen = signIn(alice, "198.51.100.11");

      HttpResponse<String> response =
          api.delete(SESSIONS + "/" + stolen.sid(), current.accessToken());

      assertThat(response.statusCode()).isEqualTo(204);
      HttpResponse<String> refresh = flows.refresh("web-frontend", stolen.refreshToken());
      assertThat(refresh.statusCode()).isEqualTo(400);
      assertThat(refresh.body()).contains("invalid_grant");
      assertThat(flows.refresh("web-frontend", current.refreshToken()).statusCode()).isEqualTo(200);
      assertThat(Api.array(api.get(SESSIONS, current.accessToken()).body()))
          .extracting(s -> s.get("id"))
          .containsExactly(current.sid());
      List<Map<String, Object>> events = Api.events(jdbc, EventTypes.SESSION_REVOKED, stolen.sid());
      assertThat(events).hasSize(1);
      Map<String, Object> data = data(events.getFirst());
      assertThat(data)
          .containsEntry("owner_id", alice.id().toString())
          .containsEntry("entity_type", "session")
          .containsEntry("action", "revoke");
      Instant validUntil =
          Instant.parse((String) change(data, "access_tokens_valid_until").get("before"));
      assertThat(validUntil).isAfter(Instant.now());
      assertThat(events.getFirst().toString())
          .doesNotContain(stolen.refreshToken())
          .doesNotContain(stolen.accessToken());
    }

    @Test
    void shouldAnswer404ForAnotherUsersSessionAndLeaveItAlone() {
      SignIn alice = signIn(UserMother.user(users, "alice"), "198.51.100.12");
      SignIn bob = signIn(UserMother.user(users, "bob"), "198.51.100.12");

      HttpResponse<String> response = api.delete(SESSIONS + "/" + alice.sid(), bob.accessToken());

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(Api.array(api.get(SESSIONS, alice.accessToken()).body()))
          .extracting(s -> s.get("id"))
          .containsExactly(alice.sid());
      assertThat(Api.events(jdbc, EventTypes.SESSION_REVOKED, alice.sid())).isEmpty();
      assertThat(flows.refresh("web-frontend", alice.refreshToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer404ForAnUnknownSession() {
      SignIn alice = signIn(UserMother.user(users, "alice"), "198.51.100.13");

      assertThat(api.delete(SESSIONS + "/no-such-session", alice.accessToken()).statusCode())
          .isEqualTo(404);
    }
  }

  @Nested
  class SignOutEverywhere {

    @Test
    void shouldEndEveryOtherSessionWhenAskedToKeepTheCurrentOne() {
      UserResponse alice = UserMother.user(users, "alice");
      SignIn current = signIn(alice, "198.51.100.14");
      SignIn other = signIn(alice, "198.51.100.15");
      SignIn third = signIn(alice, "198.51.100.16");

      HttpResponse<String> response =
          api.delete(SESSIONS + "?except_current=true", current.accessToken());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Api.object(response.body())).containsEntry("revoked", 2);
      assertThat(Api.array(api.get(SESSIONS, current.accessToken()).body()))
          .extracting(s -> s.get("id"))
          .containsExactly(current.sid());
      assertThat(flows.refresh("web-frontend", other.refreshToken()).statusCode()).isEqualTo(400);
      assertThat(flows.refresh("web-frontend", third.refreshToken()).statusCode()).isEqualTo(400);
      assertThat(Api.events(jdbc, EventTypes.SESSION_REVOKED, third.sid()))
          .singleElement()
          .satisfies(event -> assertThat(data(event)).containsEntry("action", "revoke-all"));
    }

    @Test
    void shouldEndTheCurrentSessionTooByDefault() {
      UserResponse alice = UserMother.user(users, "alice");
      SignIn current = signIn(alice, "198.51.100.17");
      SignIn other = signIn(alice, "198.51.100.18");
      SignIn bob = signIn(UserMother.user(users, "bob"), "198.51.100.17");

      HttpResponse<String> response = api.delete(SESSIONS, current.accessToken());

      assertThat(Api.object(response.body())).containsEntry("revoked", 2);
      assertThat(api.get(SESSIONS, current.accessToken()).statusCode()).isEqualTo(401);
      assertThat(flows.refresh("web-frontend", current.refreshToken()).statusCode()).isEqualTo(400);
      assertThat(flows.refresh("web-frontend", other.refreshToken()).statusCode()).isEqualTo(400);
      assertThat(Api.events(jdbc, EventTypes.SESSION_REVOKED, current.sid())).hasSize(1);
      assertThat(Api.array(api.get(SESSIONS, bob.accessToken()).body()))
          .extracting(s -> s.get("id"))
          .containsExactly(bob.sid());
    }
  }

  @Nested
  class NewDevice {

    @Test
    void shouldRecordASignInFromAnUnseenDeviceOnce() {
      UserResponse alice = UserMother.user(users, "alice");
      SignIn first = signIn(alice, "192.0.2.20");
      SignIn again = signIn(alice, "192.0.2.20");
      SignIn elsewhere = signIn(alice, "192.0.2.21");

      List<Map<String, Object>> events =
          Api.events(jdbc, EventTypes.SESSION_NEW_DEVICE, first.sid());
      assertThat(events).hasSize(1);
      Map<String, Object> data = data(events.getFirst());
      assertThat(data)
          .containsEntry("owner_id", alice.id().toString())
          .containsEntry("action", "sign-in");
      assertThat(change(data, "ip")).containsEntry("after", "192.0.2.20");
      assertThat(change(data, "client_id")).containsEntry("after", "web-frontend");
      assertThat(events.getFirst().toString()).doesNotContain(first.refreshToken());
      assertThat(Api.events(jdbc, EventTypes.SESSION_NEW_DEVICE, again.sid())).isEmpty();
      assertThat(Api.events(jdbc, EventTypes.SESSION_NEW_DEVICE, elsewhere.sid())).hasSize(1);
    }
  }

  @Test
  void shouldNameTheSessionInTheAccessTokenAndKeepItOnRefresh() {
    SignIn alice = signIn(UserMother.user(users, "alice"), "198.51.100.19");

    Map<String, Object> refreshed =
        OAuthFlows.json(flows.refresh("web-frontend", alice.refreshToken()).body());

    assertThat(flows.validate((String) refreshed.get("access_token")).getClaimAsString("sid"))
        .isEqualTo(alice.sid());
  }

  private SignIn signIn(UserResponse user, String forwardedFor) {
    Map<String, Object> tokens =
        flows.authorizationCode(user.username(), UserMother.PASSWORD, forwardedFor);
    String access = (String) tokens.get("access_token");
    String sid = flows.validate(access).getClaimAsString("sid");
    assertThat(sid).isNotBlank();
    return new SignIn(access, (String) tokens.get("refresh_token"), sid);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> event) {
    return (Map<String, Object>) event.get("data");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> change(Map<String, Object> data, String name) {
    return (Map<String, Object>) ((Map<String, Object>) data.get("changes")).get(name);
  }

  private record SignIn(String accessToken, String refreshToken, String sid) {}
}
