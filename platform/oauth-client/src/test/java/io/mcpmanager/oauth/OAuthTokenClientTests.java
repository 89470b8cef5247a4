package io.mcpmanager.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthTokenClientTests {

  static WireMockServer provider = new WireMockServer(options().dynamicPort());
  OAuthTokenClient client = new OAuthTokenClient(Duration.ofSeconds(2), Duration.ofMillis(1500));

  @BeforeAll
  static void start() {
    provider.start();
  }

  @AfterAll
  static void stop() {
    provider.stop();
  }

  @BeforeEach
  void reset() {
    provider.resetAll();
  }

  OAuthClientRegistration registration(OAuthClientRegistration.ClientAuthentication auth) {
    return new OAuthClientRegistration(
        "example",
        URI.create(provider.baseUrl() + "/authorize"),
        URI.create(provider.baseUrl() + "/token"),
        "client-1",
        "s3cr&t",
        URI.create("https://app/callback"),
        auth);
  }

  @Test
  void shouldExchangeTheCodeWithTheVerifierAndBasicAuth() {
    provider.stubFor(
        post("/token")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        """
            {"access_token":"at-1","token_type":"Bearer","expires_in":7200,"refresh_token":"rt-1",
             "scope":"api read_user","created_at":1607635748}""")));

    TokenResponse tokens =
        client.exchange(
            registration(OAuthClientRegistration.ClientAuthentication.BASIC),
            "code-1",
            "verifier-abc");

    assertThat(tokens.accessToken()).isEqualTo("at-1");
    assertThat(tokens.refreshToken()).isEqualTo("rt-1");
    assertThat(tokens.expiresIn()).isEqualTo(Duration.ofHours(2));
    assertThat(tokens.scopes()).containsExactly("api", "read_user");
    assertThat(tokens.toString()).doesNotContain("at-1").doesNotContain("rt-1");
    provider.verify(
        postRequestedFor(urlEqualTo("/token"))
            .withHeader("Authorization", equalTo("Basic Y2xpZW50LTE6czNjciUyNnQ="))
            .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
            .withRequestBody(containing("grant_type=authorization_code"))
            .withRequestBody(containing("code=code-1"))
            .withRequestBody(containing("code_verifier=verifier-abc"))
            .withRequestBody(containing("redirect_uri=https%3A%2F%2Fapp%2Fcallback")));
  }

  @Test
  void shouldRefreshWithClientCredentialsInTheBodyAndParseGitHubCommaScopes() {
    provider.stubFor(
        post("/token")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"access_token\":\"ghu_new\",\"expires_in\":28800,\"refresh_token\":\"ghr_new\","
                            + "\"refresh_token_expires_in\":15897600,\"scope\":\"repo,gist\",\"token_type\":\"bearer\"}")));

    TokenResponse tokens =
        client.refresh(registration(OAuthClientRegistration.ClientAuthentication.POST), "ghr_old");

    assertThat(tokens.scopes()).containsExactly("repo", "gist");
    assertThat(tokens.refreshTokenExpiresIn()).isEqualTo(Duration.ofSeconds(15897600));
    provider.verify(
        postRequestedFor(urlEqualTo("/token"))
            .withRequestBody(containing("grant_type=refresh_token"))
            .withRequestBody(containing("refresh_token=ghr_old"))
            .withRequestBody(containing("client_secret=s3cr%26t")));
  }

  @Test
  void shouldMapInvalidGrantToATypedException() {
    provider.stubFor(
        post("/token")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant is invalid\"}")));

    assertThatThrownBy(
            () ->
                client.refresh(
                    registration(OAuthClientRegistration.ClientAuthentication.POST), "rt"))
        .isInstanceOf(InvalidGrantException.class)
        .hasMessageContaining("invalid_grant")
        .hasMessageNotContaining("rt\"");
  }

  @Test
  void shouldMapGitHubErrorsReportedWithStatus200() {
    provider.stubFor(
        post("/token")
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":\"bad_verification_code\",\"error_description\":\"The code passed is incorrect or expired.\"}")));

    assertThatThrownBy(
            () ->
                client.exchange(
                    registration(OAuthClientRegistration.ClientAuthentication.POST), "c", "v"))
        .isInstanceOf(InvalidGrantException.class);
  }

  @Test
  void shouldMapOtherOAuthErrors() {
    provider.stubFor(
        post("/token")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"invalid_client\"}")));

    assertThatThrownBy(
            () ->
                client.exchange(
                    registration(OAuthClientRegistration.ClientAuthentication.POST), "c", "v"))
        .isInstanceOfSatisfying(
            OAuthErrorException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_client");
              assertThat(e.status()).isEqualTo(401);
            });
  }

  @Test
  void shouldTreatServerErrorsAndTimeoutsAsUnavailable() {
    provider.stubFor(post("/token").willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(
            () ->
                client.refresh(
                    registration(OAuthClientRegistration.ClientAuthentication.POST), "rt"))
        .isInstanceOf(OAuthUnavailableException.class)
        .hasMessageContaining("503");

    provider.stubFor(post("/token").willReturn(aResponse().withFixedDelay(4000).withBody("{}")));
    assertThatThrownBy(
            () ->
                client.refresh(
                    registration(OAuthClientRegistration.ClientAuthentication.POST), "rt"))
        .isInstanceOf(OAuthUnavailableException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void shouldBuildTheAuthorizationUrlWithPkceAndState() {
    URI url =
        AuthorizationUrl.build(
            registration(OAuthClientRegistration.ClientAuthentication.POST),
            java.util.List.of("repo", "read:user"),
            "st.1.x",
            "chal",
            " ",
            java.util.Map.of("allow_signup", "false"));

    assertThat(url.toString())
        .startsWith(provider.baseUrl() + "/authorize?response_type=code&client_id=client-1")
        .contains("redirect_uri=https://app/callback")
        .contains("state=st.1.x")
        .contains("code_challenge=chal&code_challenge_method=S256")
        .contains("scope=repo%20read:user")
        .contains("allow_signup=false");
  }
}
