package io.mcpmanager.git.testdata;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.mcpmanager.oauth.Pkce;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token endpoint that behaves like a strict OAuth server: authorization codes are single-use and
 * bound to the PKCE challenge of the authorize request (the verifier must hash to it); refresh
 * tokens rotate, and presenting an already-rotated one revokes the whole token family (reuse
 * detection). Errors use the provider's style: GitHub answers 200 with {@code error}, GitLab 400.
 */
public final class FakeTokenEndpoint implements ResponseDefinitionTransformerV2 {

  private final String name;
  private final String clientId;
  private final String clientSecret;
  private final int errorStatus;
  private final Map<String, String> codes = new ConcurrentHashMap<>();
  private final Map<String, Family> families = new ConcurrentHashMap<>();
  private final AtomicInteger refreshCalls = new AtomicInteger();
  private final AtomicInteger invalidGrants = new AtomicInteger();
  private volatile Long expiresIn;
  private volatile boolean issueRefreshTokens;
  private volatile String scope;
  private volatile String lastAccessToken;
  private volatile long delayMillis;

  private static final class Family {
    volatile String current;
    volatile boolean revoked;
  }

  FakeTokenEndpoint(String name, String clientId, String clientSecret, int errorStatus) {
    this.name = name;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.errorStatus = errorStatus;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /**
   * Settings for the tokens it issues: lifetime (null = never expires), refresh tokens, scope
   * string.
   */
  public void reset(Long expiresIn, boolean issueRefreshTokens, String scope) {
    this.expiresIn = expiresIn;
    this.issueRefreshTokens = issueRefreshTokens;
    this.scope = scope;
    this.delayMillis = 0;
    codes.clear();
    families.clear();
    refreshCalls.set(0);
    invalidGrants.set(0);
    lastAccessToken = null;
  }

  /**
   * What the user's consent produces: a code bound to the challenge the authorize request carried.
   */
  public String issueCode(String codeChallenge) {
    String code = "code-" + UUID.randomUUID();
    codes.put(code, codeChallenge);
    return code;
  }

  /** Slows refreshes down, to widen any race window. */
  public void delayRefreshes(long millis) {
    this.delayMillis = millis;
  }

  public int refreshCalls() {
    return refreshCalls.get();
  }

  public int invalidGrants() {
    return invalidGrants.get();
  }

  public String lastAccessToken() {
    return lastAccessToken;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    Map<String, String> form = parse(event.getRequest().getBodyAsString());
    if (!clientId.equals(form.get("client_id"))
        || !clientSecret.equals(form.get("client_secret"))) {
      return error(401, "invalid_client", "Client authentication failed");
    }
    return switch (String.valueOf(form.get("grant_type"))) {
      case "authorization_code" -> exchange(form);
      case "refresh_token" -> refresh(form);
      default -> error(errorStatus, "unsupported_grant_type", null);
    };
  }

  private ResponseDefinition exchange(Map<String, String> form) {
    String challenge = codes.remove(String.valueOf(form.get("code")));
    if (challenge == null) {
      return invalidGrant("The provided authorization grant is invalid, expired or revoked");
    }
    String verifier = form.get("code_verifier");
    if (verifier == null || !Pkce.challengeOf(verifier).equals(challenge)) {
      return invalidGrant("PKCE verification failed");
    }
    Family family = new Family();
    return issue(family);
  }

  private synchronized ResponseDefinition refresh(Map<String, String> form) {
    String presented = String.valueOf(form.get("refresh_token"));
    Family family = families.get(presented);
    if (family == null || family.revoked) {
      return invalidGrant("The refresh token is invalid");
    }
    if (!presented.equals(family.current)) {
      family.revoked = true;
      return invalidGrant("Refresh token reuse detected; the token family is revoked");
    }
    refreshCalls.incrementAndGet();
    ResponseDefinition rotated = issue(family);
    if (delayMillis > 0) {
      try {
        wait(
            delayMillis); // releases the monitor: a concurrent refresh with the old token would now
        // be reuse
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return rotated;
  }

  private ResponseDefinition issue(Family family) {
    String access = name + "-at-" + UUID.randomUUID();
    StringBuilder body =
        new StringBuilder(
            "{\"access_token\":\""
                + access
                + "\",\"token_type\":\"bearer\",\"scope\":\""
                + scope
                + "\"");
    if (expiresIn != null) {
      body.append(",\"expires_in\":").append(expiresIn);
    }
    if (issueRefreshTokens) {
      String refresh = name + "-rt-" + UUID.randomUUID();
      family.current = refresh;
      families.put(refresh, family);
      body.append(",\"refresh_token\":\"")
          .append(refresh)
          .append("\",\"refresh_token_expires_in\":15897600");
    }
    lastAccessToken = access;
    return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body.append("}").toString())
        .build();
  }

  private ResponseDefinition invalidGrant(String description) {
    invalidGrants.incrementAndGet();
    return error(errorStatus, "invalid_grant", description);
  }

  private static ResponseDefinition error(int status, String error, String description) {
    String body =
        "{\"error\":\""
            + error
            + "\""
            + (description == null ? "" : ",\"error_description\":\"" + description + "\"")
            + "}";
    return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body)
        .build();
  }

  private static Map<String, String> parse(String body) {
    Map<String, String> values = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
