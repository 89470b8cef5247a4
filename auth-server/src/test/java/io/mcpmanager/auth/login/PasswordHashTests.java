package io.mcpmanager.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.AuthServerTest;
import io.mcpmanager.auth.testdata.Browser;
import io.mcpmanager.auth.testdata.UserMother;
import io.mcpmanager.auth.user.UserAdminService;
import io.mcpmanager.auth.user.UserResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** Password hashes are Argon2id at OWASP's minimum at least (m ≥ 19 MiB, t ≥ 2, p = 1). */
class PasswordHashTests extends AuthServerTest {

  private static final Pattern ARGON2ID =
      Pattern.compile("^\\{argon2}\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$.+");

  @Autowired UserAdminService users;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldHashNewPasswordsWithArgon2idAtLeastAtOwaspMinimum() {
    UserResponse mia = UserMother.user(users, "mia");

    assertOwaspMinimum(hashOf(mia.id()));
  }

  @Test
  void shouldUpgradeAWeakerArgon2HashOnLogin() {
    UserResponse ned = UserMother.user(users, "ned");
    String weak =
        "{argon2}"
            + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(UserMother.PASSWORD);
    assertThat(weak).contains("m=16384,t=2,p=1");
    jdbc.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id")
        .param("hash", weak)
        .param("id", ned.id())
        .update();

    Browser browser = new Browser(ISSUER);
    assertThat(Browser.location(browser.login(ned.username(), UserMother.PASSWORD)))
        .doesNotContain("error");

    assertThat(hashOf(ned.id())).isNotEqualTo(weak);
    assertOwaspMinimum(hashOf(ned.id()));
  }

  private String hashOf(UUID id) {
    return jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private static void assertOwaspMinimum(String hash) {
    Matcher parameters = ARGON2ID.matcher(hash);
    assertThat(parameters.matches()).as(hash).isTrue();
    assertThat(Integer.parseInt(parameters.group(1)))
        .as("memory in KiB")
        .isGreaterThanOrEqualTo(19_456);
    assertThat(Integer.parseInt(parameters.group(2))).as("iterations").isGreaterThanOrEqualTo(2);
    assertThat(Integer.parseInt(parameters.group(3))).as("parallelism").isEqualTo(1);
  }
}
