package io.mcpmanager.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;

class BrowserBindingTests {

  @Test
  void shouldSetAHostOnlyHttpOnlySecureLaxCookieHoldingAHashOfTheState() {
    ResponseCookie cookie =
        BrowserBinding.cookie("github", "nonce.123.sig", Duration.ofMinutes(10));

    assertThat(cookie.getName()).isEqualTo("__Host-mcpm-oauth-github");
    assertThat(cookie.isHttpOnly()).isTrue();
    assertThat(cookie.isSecure()).isTrue();
    assertThat(cookie.getSameSite()).isEqualTo("Lax");
    assertThat(cookie.getPath()).isEqualTo("/");
    assertThat(cookie.getDomain()).isNull();
    assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofMinutes(10));
    assertThat(cookie.getValue()).isNotEmpty().doesNotContain("nonce");
  }

  @Test
  void shouldHoldOnlyForTheStateItWasSetFor() {
    String value = BrowserBinding.cookie("github", "state-a", Duration.ofMinutes(1)).getValue();

    assertThat(BrowserBinding.holds(value, "state-a")).isTrue();
    assertThat(BrowserBinding.holds(value, "state-b")).isFalse();
    assertThat(BrowserBinding.holds(null, "state-a")).isFalse();
    assertThat(BrowserBinding.holds("", "state-a")).isFalse();
    assertThat(BrowserBinding.holds(value, null)).isFalse();
  }

  @Test
  void shouldKeepOneCookiePerProviderAndClearIt() {
    assertThat(BrowserBinding.cookieName("gitlab"))
        .isNotEqualTo(BrowserBinding.cookieName("github"));
    ResponseCookie clearing = BrowserBinding.clearing("gitlab");
    assertThat(clearing.getName()).isEqualTo("__Host-mcpm-oauth-gitlab");
    assertThat(clearing.getMaxAge()).isZero();
    assertThat(clearing.getValue()).isEmpty();
  }
}
