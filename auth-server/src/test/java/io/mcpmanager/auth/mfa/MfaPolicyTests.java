package io.mcpmanager.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.auth.SmallLimitsAuthServerTest;
import io.mcpmanager.auth.testdata.Browser;
import io.mcpmanager.auth.testdata.OAuthFlows;
import io.mcpmanager.auth.testdata.UserMother;
import io.mcpmanager.auth.user.UserAdminService;
import io.mcpmanager.auth.user.UserResponse;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

/** {@code mcpm.auth.mfa.required=admins}: an administrator without a second factor enrols one. */
class MfaPolicyTests extends SmallLimitsAuthServerTest {

  private static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7]+)</code>");
  private static final Pattern CONTINUE = Pattern.compile("<a href=\"([^\"]+)\">Continue</a>");

  @Autowired UserAdminService users;
  @Autowired SecondFactors factors;

  /** Each sign-in from an address of its own: this context's login bucket is small. */
  private HttpResponse<String> signIn(Browser browser, OAuthFlows flows, String username) {
    browser.get(
        flows.authorizeUrl(
            OAuthFlows.challenge(OAuthFlows.randomString()), OAuthFlows.randomString()));
    return browser.follow(browser.login(username, UserMother.PASSWORD));
  }

  private static String address() {
    return "198.51.100." + (1 + Math.floorMod(UUID.randomUUID().hashCode(), 250));
  }

  @Test
  void shouldSendAnAdministratorWithoutSecondFactorToEnrolAfterThePassword() {
    String base = "http://127.0.0.1:" + port;
    OAuthFlows flows = new OAuthFlows(base);
    UserResponse admin = UserMother.admin(users, "policy-admin");
    Browser browser = new Browser(base, address());

    HttpResponse<String> page = signIn(browser, flows, admin.username());

    assertThat(page.uri().getPath()).isEqualTo("/login/second-factor");
    Matcher secret = SECRET.matcher(page.body());
    assertThat(secret.find()).as(page.body()).isTrue();
    HttpResponse<String> codes =
        browser.postForm(
            "/login/second-factor/enrol",
            Map.of(
                "code",
                Totp.code(secret.group(1), Instant.now()),
                "_csrf",
                Browser.csrf(page.body())));
    assertThat(codes.statusCode()).isEqualTo(200);
    assertThat(codes.body()).contains("Recovery codes");
    assertThat(factors.isEnrolled(admin.id())).isTrue();

    Matcher next = CONTINUE.matcher(codes.body());
    assertThat(next.find()).isTrue();
    HttpResponse<String> callback =
        browser.follow(browser.get(HtmlUtils.htmlUnescape(next.group(1))));
    assertThat(Browser.location(callback)).startsWith(OAuthFlows.WEB_REDIRECT);
  }

  @Test
  void shouldLetAUserWithoutSecondFactorThroughWhenOnlyAdministratorsMustHaveOne() {
    String base = "http://127.0.0.1:" + port;
    UserResponse user = UserMother.user(users, "policy-user");

    HttpResponse<String> callback =
        signIn(new Browser(base, address()), new OAuthFlows(base), user.username());

    assertThat(Browser.location(callback)).startsWith(OAuthFlows.WEB_REDIRECT);
  }
}
