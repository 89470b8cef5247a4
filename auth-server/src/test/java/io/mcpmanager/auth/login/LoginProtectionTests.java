package io.mcpmanager.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.AuthServerTest;
import io.mcpmanager.auth.testdata.Api;
import io.mcpmanager.auth.testdata.Browser;
import io.mcpmanager.auth.testdata.OAuthFlows;
import io.mcpmanager.auth.testdata.UserMother;
import io.mcpmanager.auth.user.UserAdminService;
import io.mcpmanager.auth.user.UserResponse;
import io.mcpmanager.events.EventTypes;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Brute-force protection of the login form, seen from a browser and from the audit trail. */
class LoginProtectionTests extends AuthServerTest {

  private static final String WRONG = "not the password at all";
  private static final String LOOPBACK = "127.0.0.1";

  @Autowired UserAdminService users;
  @Autowired JdbcClient jdbc;

  private final Api api = new Api(ISSUER);

  /** The page a browser ends up on after submitting the login form, without its CSRF token. */
  private static String answerTo(String username, String password) {
    Browser browser = new Browser(ISSUER);
    HttpResponse<String> posted = browser.login(username, password);
    assertThat(Browser.location(posted)).isEqualTo(ISSUER + "/login?error");
    String page = browser.get(Browser.location(posted)).body();
    return page.replace(Browser.csrf(page), "");
  }

  private static boolean logsIn(String username, String password) {
    Browser browser = new Browser(ISSUER);
    return !Browser.location(browser.login(username, password)).contains("error");
  }

  private static boolean logsInFrom(String address, String username, String password) {
    Browser browser = new Browser(ISSUER, address);
    return !Browser.location(browser.login(username, password)).contains("error");
  }

  private void lock(String username) {
    for (int i = 0; i < 10; i++) {
      assertThat(logsIn(username, WRONG)).isFalse();
    }
  }

  @Test
  void shouldAnswerAWrongPasswordAnUnknownUserAndALockedAccountAlike() {
    UserResponse gina = UserMother.user(users, "gina");
    UserResponse hal = UserMother.user(users, "hal");
    lock(hal.username());

    String wrongPassword = answerTo(gina.username(), WRONG);
    String unknownUser = answerTo(UserMother.uniqueName("nobody"), UserMother.PASSWORD);
    String lockedWithRightPassword = answerTo(hal.username(), UserMother.PASSWORD);

    assertThat(wrongPassword).contains("Invalid credentials");
    assertThat(unknownUser).isEqualTo(wrongPassword);
    assertThat(lockedWithRightPassword).isEqualTo(wrongPassword);
  }

  @Test
  void shouldDelayTheNextAttemptFromTheFifthConsecutiveFailure() {
    UserResponse ivy = UserMother.user(users, "ivy");
    for (int i = 0; i < 4; i++) {
      assertThat(logsIn(ivy.username(), WRONG)).isFalse();
    }
    assertThat(notBefore(ivy.username())).isNull();

    assertThat(logsIn(ivy.username(), WRONG)).isFalse();

    assertThat(notBefore(ivy.username())).isAfter(OffsetDateTime.now());
    assertThat(logsIn(ivy.username(), UserMother.PASSWORD))
        .as("even the right password waits for the delay")
        .isFalse();
  }

  @Test
  void shouldNotLockOutTheUserFromAnotherAddressWhateverFailsFromOneAddress() {
    UserResponse olga = UserMother.user(users, "olga");
    String attacker = "203.0.113.7";
    for (int i = 0; i < 20; i++) {
      assertThat(logsInFrom(attacker, olga.username(), WRONG)).isFalse();
    }

    assertThat(logsInFrom(attacker, olga.username(), UserMother.PASSWORD))
        .as("the attacking address itself is locked")
        .isFalse();
    assertThat(logsInFrom("198.51.100.20", olga.username(), UserMother.PASSWORD))
        .as("the user from another address is not")
        .isTrue();
    OffsetDateTime lockedUntil =
        jdbc.sql("SELECT locked_until FROM login_throttle WHERE throttle_key = :k")
            .param("k", LoginThrottle.accountKey(olga.username(), attacker))
            .query(OffsetDateTime.class)
            .single();
    assertThat(Duration.between(OffsetDateTime.now(), lockedUntil))
        .as("the back-off is bounded")
        .isGreaterThan(Duration.ofMinutes(14))
        .isLessThanOrEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void shouldLockAfterTenFailuresUntilAnAdminUnlocks() {
    UserResponse jack = UserMother.user(users, "jack");
    UserResponse admin = UserMother.admin(users, "unlocker");
    lock(jack.username());
    OffsetDateTime lockedUntil =
        jdbc.sql("SELECT locked_until FROM login_throttle WHERE throttle_key = :k")
            .param("k", LoginThrottle.accountKey(jack.username(), LOOPBACK))
            .query(OffsetDateTime.class)
            .single();
    assertThat(Duration.between(OffsetDateTime.now(), lockedUntil))
        .isGreaterThan(Duration.ofMinutes(14));
    assertThat(logsIn(jack.username(), UserMother.PASSWORD)).isFalse();
    String adminToken = new OAuthFlows(ISSUER).accessToken(admin.username(), UserMother.PASSWORD);
    assertThat(Api.array(api.get("/api/admin/users", adminToken).body()))
        .filteredOn(u -> u.get("id").equals(jack.id().toString()))
        .singleElement()
        .satisfies(u -> assertThat(u).containsEntry("locked", true));

    HttpResponse<String> unlocked =
        api.post("/api/admin/users/" + jack.id() + "/unlock", adminToken, null);

    assertThat(unlocked.statusCode()).isEqualTo(200);
    assertThat(Api.object(unlocked.body())).containsEntry("locked", false);
    assertThat(logsIn(jack.username(), UserMother.PASSWORD)).isTrue();
    Map<String, Object> event =
        Api.events(jdbc, EventTypes.USER_UNLOCKED, jack.id().toString()).getFirst();
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) event.get("data");
    assertThat(data).containsEntry("owner_id", jack.id().toString());
    assertThat(data.get("actor").toString()).contains(admin.id().toString());
  }

  @Test
  void shouldRecordLoginEventsWithoutPasswordsAndWithoutIdsForUnknownUsers() {
    UserResponse kim = UserMother.user(users, "kim");
    String unknown = UserMother.uniqueName("ghost");
    logsIn(kim.username(), WRONG);
    logsIn(kim.username(), UserMother.PASSWORD);
    logsIn(unknown, WRONG);

    List<Map<String, Object>> failed =
        Api.events(jdbc, EventTypes.LOGIN_FAILED, kim.id().toString());
    List<Map<String, Object>> succeeded =
        Api.events(jdbc, EventTypes.LOGIN_SUCCEEDED, kim.id().toString());
    assertThat(failed).hasSize(1);
    assertThat(succeeded).hasSize(1);
    assertThat(failed.getFirst().toString()).contains("bad_credentials").contains("127.0.0.1");
    List<String> all =
        jdbc.sql("SELECT payload::text FROM outbox_event").query(String.class).list();
    assertThat(all)
        .noneMatch(
            p -> p.contains(WRONG) || p.contains(UserMother.PASSWORD) || p.contains(unknown));
    assertThat(Api.events(jdbc, EventTypes.LOGIN_FAILED, null))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("subject")).isNull());
  }

  @Test
  void shouldUpgradeAnOutdatedPasswordHashOnLoginAndShowWhoIsSignedIn() {
    UserResponse lena = UserMother.user(users, "lena");
    jdbc.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id")
        .param(
            "hash",
            "{bcrypt}"
                + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()
                    .encode(UserMother.PASSWORD))
        .param("id", lena.id())
        .update();
    Browser browser = new Browser(ISSUER);

    HttpResponse<String> home = browser.follow(browser.login(lena.username(), UserMother.PASSWORD));

    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("Signed in as <strong>" + lena.username());
    assertThat(
            jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id")
                .param("id", lena.id())
                .query(String.class)
                .single())
        .startsWith("{argon2}");
  }

  private OffsetDateTime notBefore(String username) {
    return jdbc.sql("SELECT not_before FROM login_throttle WHERE throttle_key = :k")
        .param("k", LoginThrottle.accountKey(username, LOOPBACK))
        .query(OffsetDateTime.class)
        .optional()
        .orElse(null);
  }
}
