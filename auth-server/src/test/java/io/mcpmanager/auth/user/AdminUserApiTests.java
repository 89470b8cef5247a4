package io.mcpmanager.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.AuthServerTest;
import io.mcpmanager.auth.testdata.Api;
import io.mcpmanager.auth.testdata.Browser;
import io.mcpmanager.auth.testdata.OAuthFlows;
import io.mcpmanager.auth.testdata.UserMother;
import io.mcpmanager.events.EventTypes;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** /api/admin/users: bearer tokens of role ADMIN only, problem+json errors, an event per change. */
class AdminUserApiTests extends AuthServerTest {

  @Autowired UserAdminService users;
  @Autowired JdbcClient jdbc;

  private final Api api = new Api(ISSUER);
  private final OAuthFlows flows = new OAuthFlows(ISSUER);
  private UserResponse admin;
  private String adminToken;

  @BeforeEach
  void signInAsAdmin() {
    admin = UserMother.admin(users, "admin");
    adminToken = flows.accessToken(admin.username(), UserMother.PASSWORD);
  }

  @Nested
  class Access {

    @Test
    void shouldAnswer401WithoutAToken() {
      HttpResponse<String> response = api.get("/api/admin/users", null);

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
    }

    @Test
    void shouldAnswer403ToAUserWithoutTheAdminRole() {
      UserResponse plain = UserMother.user(users, "plain");
      String token = flows.accessToken(plain.username(), UserMother.PASSWORD);

      assertThat(api.get("/api/admin/users", token).statusCode()).isEqualTo(403);
      assertThat(api.post("/api/admin/users/" + plain.id() + "/disable", token, null).statusCode())
          .isEqualTo(403);
    }

    @Test
    void shouldAnswer403ToAServiceToken() {
      // The gateway's token names auth-server, so it passes the audience check, and no more.
      String service =
          (String)
              OAuthFlows.json(
                      flows.clientCredentials("gateway", SERVICE_SECRET, "pats.resolve").body())
                  .get("access_token");

      assertThat(api.get("/api/admin/users", service).statusCode()).isEqualTo(403);
    }
  }

  @Nested
  class Create {

    @Test
    void shouldCreateAUserThatCanLogInAndRecordTheEvent() {
      String username = UserMother.uniqueName("New.User");
      HttpResponse<String> created =
          api.post(
              "/api/admin/users",
              adminToken,
              """
          {"username": "%s", "password": "a long enough passphrase", "roles": ["ADMIN"]}
          """
                  .formatted(username));

      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      Map<String, Object> body = Api.object(created.body());
      assertThat(body)
          .containsEntry("username", username.toLowerCase())
          .containsEntry("enabled", true)
          .containsKey("created_at")
          .doesNotContainKey("password")
          .doesNotContainKey("password_hash");
      assertThat(created.body()).doesNotContain("argon2").doesNotContain("passphrase");
      assertThat(
              flows
                  .validate(flows.accessToken(username, "a long enough passphrase"))
                  .getClaimAsStringList("roles"))
          .containsExactlyInAnyOrder("USER", "ADMIN");
      String id = (String) body.get("id");
      Map<String, Object> event = Api.events(jdbc, EventTypes.USER_CREATED, id).getFirst();
      assertThat(event.toString()).contains(admin.id().toString()).doesNotContain("passphrase");
    }

    @Test
    void shouldRefuseATakenUsernameWith409() {
      UserResponse taken = UserMother.user(users, "taken");

      HttpResponse<String> response =
          api.post(
              "/api/admin/users",
              adminToken,
              """
          {"username": "%s", "password": "a long enough passphrase"}"""
                  .formatted(taken.username().toUpperCase()));

      assertThat(response.statusCode()).isEqualTo(409);
      assertThat(Api.object(response.body()))
          .containsEntry("type", "https://mcp-manager.io/problems/username-taken");
    }

    @Test
    void shouldNameEveryInvalidField() {
      HttpResponse<String> response =
          api.post(
              "/api/admin/users",
              adminToken,
              """
          {"username": "no spaces allowed", "password": "short", "roles": ["USER"]}""");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body())
          .contains("validation-failed")
          .contains("\"username\"")
          .contains("\"password\"")
          .doesNotContain("short");
    }

    @Test
    void shouldRefuseAnUnknownRole() {
      HttpResponse<String> response =
          api.post(
              "/api/admin/users",
              adminToken,
              """
          {"username": "someone", "password": "a long enough passphrase", "roles": ["ROOT"]}""");

      assertThat(response.statusCode()).isEqualTo(400);
    }
  }

  @Nested
  class Disable {

    @Test
    void shouldStopLoginAndRefreshOfADisabledUser() {
      UserResponse leaving = UserMother.user(users, "leaving");
      String refreshToken =
          (String)
              flows.authorizationCode(leaving.username(), UserMother.PASSWORD).get("refresh_token");

      HttpResponse<String> disabled =
          api.post("/api/admin/users/" + leaving.id() + "/disable", adminToken, null);

      assertThat(disabled.statusCode()).isEqualTo(200);
      assertThat(Api.object(disabled.body())).containsEntry("enabled", false);
      assertThat(flows.refresh("web-frontend", refreshToken).statusCode()).isEqualTo(400);
      Browser browser = new Browser(ISSUER);
      assertThat(Browser.location(browser.login(leaving.username(), UserMother.PASSWORD)))
          .endsWith("/login?error");
      assertThat(Api.events(jdbc, EventTypes.USER_DISABLED, leaving.id().toString())).hasSize(1);
    }

    @Test
    void shouldLetAReEnabledUserLogInAgainAndRecordTheEvent() {
      UserResponse back = UserMother.user(users, "back");
      api.post("/api/admin/users/" + back.id() + "/disable", adminToken, null);

      HttpResponse<String> enabled =
          api.post("/api/admin/users/" + back.id() + "/enable", adminToken, null);

      assertThat(enabled.statusCode()).isEqualTo(200);
      assertThat(Api.object(enabled.body())).containsEntry("enabled", true);
      Browser browser = new Browser(ISSUER);
      assertThat(Browser.location(browser.login(back.username(), UserMother.PASSWORD)))
          .doesNotEndWith("/login?error");
      assertThat(Api.events(jdbc, EventTypes.USER_ENABLED, back.id().toString())).hasSize(1);
    }

    @Test
    void shouldAnswer404ForAnUnknownId() {
      HttpResponse<String> response =
          api.post("/api/admin/users/" + UUID.randomUUID() + "/disable", adminToken, null);

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).contains("not-found");
    }
  }
}
