package io.mcpmanager.auth.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The OAuth flows of the platform's clients, driven over real HTTP against the running server. */
public final class OAuthFlows {

  public static final String WEB_REDIRECT = "http://127.0.0.1:8080/callback";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String issuer;

  public OAuthFlows(String issuer) {
    this.issuer = issuer;
  }

  /** Authorization code + PKCE for web-frontend: authorize, log in, take the code, exchange it. */
  public Map<String, Object> authorizationCode(String username, String password) {
    return authorizationCode(username, password, null);
  }

  /** The same from a browser behind a proxy that reports it as {@code forwardedFor}. */
  public Map<String, Object> authorizationCode(
      String username, String password, String forwardedFor) {
    Browser browser = new Browser(issuer, forwardedFor);
    String verifier = randomString();
    String state = randomString();
    HttpResponse<String> toLogin = browser.get(authorizeUrl(challenge(verifier), state));
    assertThat(Browser.location(toLogin)).isEqualTo(issuer + "/login");
    HttpResponse<String> callback = browser.follow(browser.login(username, password));
    String location = Browser.location(callback);
    assertThat(location).startsWith(WEB_REDIRECT);
    Map<String, String> query =
        UriComponentsBuilder.fromUri(URI.create(location))
            .build()
            .getQueryParams()
            .toSingleValueMap();
    assertThat(query).containsEntry("state", URLEncoder.encode(state, StandardCharsets.UTF_8));
    HttpResponse<String> token = exchangeCode(query.get("code"), verifier);
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    return json(token.body());
  }

  /**
   * The device flow of mcpm-cli: the CLI (behind a proxy reporting {@code cliAddress}) asks for a
   * code, the user confirms it in a browser (reported as {@code browserAddress}), the CLI polls.
   */
  public Map<String, Object> deviceFlow(
      String username, String password, String cliAddress, String browserAddress) {
    Browser cli = new Browser(issuer, cliAddress);
    Map<String, Object> device =
        json(
            cli.postForm(
                    "/oauth2/device_authorization",
                    ordered("client_id", "mcpm-cli", "scope", "profile"))
                .body());
    Browser browser = new Browser(issuer, browserAddress);
    browser.get((String) device.get("verification_uri_complete"));
    HttpResponse<String> consent = browser.follow(browser.login(username, password));
    HttpResponse<String> done =
        browser.follow(
            browser.postForm(
                "/oauth2/device_verification",
                ordered(
                    "client_id",
                    "mcpm-cli",
                    "state",
                    hidden(consent.body(), "state"),
                    "user_code",
                    hidden(consent.body(), "user_code"),
                    "scope",
                    "profile")));
    assertThat(done.body()).contains("Device activated");
    HttpResponse<String> token =
        cli.postForm(
            "/oauth2/token",
            ordered(
                "grant_type",
                "urn:ietf:params:oauth:grant-type:device_code",
                "device_code",
                (String) device.get("device_code"),
                "client_id",
                "mcpm-cli"));
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    return json(token.body());
  }

  private static String hidden(String html, String name) {
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
    assertThat(matcher.find()).as("hidden field " + name).isTrue();
    return org.springframework.web.util.HtmlUtils.htmlUnescape(matcher.group(1));
  }

  public String authorizeUrl(String challenge, String state) {
    return issuer
        + "/oauth2/authorize?response_type=code&client_id=web-frontend&scope=openid%20profile"
        + "&redirect_uri="
        + URLEncoder.encode(WEB_REDIRECT, StandardCharsets.UTF_8)
        + "&state="
        + state
        + "&code_challenge="
        + challenge
        + "&code_challenge_method=S256";
  }

  public HttpResponse<String> exchangeCode(String code, String verifier) {
    return new Browser(issuer)
        .postForm(
            "/oauth2/token",
            ordered(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                WEB_REDIRECT,
                "client_id",
                "web-frontend",
                "code_verifier",
                verifier));
  }

  public HttpResponse<String> refresh(String clientId, String refreshToken) {
    return new Browser(issuer)
        .postForm(
            "/oauth2/token",
            ordered(
                "grant_type",
                "refresh_token",
                "refresh_token",
                refreshToken,
                "client_id",
                clientId));
  }

  public HttpResponse<String> clientCredentials(String clientId, String secret, String scope) {
    return tokenRequest(
        clientId, secret, ordered("grant_type", "client_credentials", "scope", scope));
  }

  /** A client-credentials request naming its callee (RFC 8707 {@code resource}). */
  public HttpResponse<String> clientCredentials(
      String clientId, String secret, String scope, String resource) {
    return tokenRequest(
        clientId,
        secret,
        ordered("grant_type", "client_credentials", "scope", scope, "resource", resource));
  }

  private HttpResponse<String> tokenRequest(
      String clientId, String secret, Map<String, String> form) {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return new Browser(issuer).postForm("/oauth2/token", form, basic);
  }

  /** An access token of a user, through the whole browser flow. */
  public String accessToken(String username, String password) {
    return (String) authorizationCode(username, password).get("access_token");
  }

  /** Validates like any resource server: signature against the JWKS over HTTP, issuer, expiry. */
  public Jwt validate(String token) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build();
    decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
    return decoder.decode(token);
  }

  public static Map<String, Object> json(String body) {
    return JSON.readValue(body, new TypeReference<Map<String, Object>>() {});
  }

  public static String randomString() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String challenge(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
