package io.mcpmanager.systemtests;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the gateway and the auth-server, as the web frontend would use them. */
public final class Api {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  public record Response(int status, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    public boolean isProblem() {
      String type = header("Content-Type");
      return type != null && type.startsWith("application/problem+json");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private Api() {}

  /** The user's access token (authorization code + PKCE, logged in once per run). */
  public static String token(String user) {
    return TOKENS.computeIfAbsent(user, u -> login(u, LocalStack.get().password));
  }

  static String login(String username, String password) {
    try {
      HttpClient browser =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
      String verifier = LocalStack.random(32);
      String challenge =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  MessageDigest.getInstance("SHA-256")
                      .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
      String state = LocalStack.random(8);
      String redirect = LocalStack.GATEWAY + "/callback";
      String authorize =
          LocalStack.ISSUER
              + "/oauth2/authorize?"
              + form(
                  Map.of(
                      "response_type",
                      "code",
                      "client_id",
                      "web-frontend",
                      "redirect_uri",
                      redirect,
                      "scope",
                      "openid profile",
                      "state",
                      state,
                      "code_challenge",
                      challenge,
                      "code_challenge_method",
                      "S256"));
      HttpResponse<String> r =
          browser.send(
              HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      check(r.statusCode() == 302, "authorize should redirect to the login page", r);
      HttpResponse<String> page =
          browser.send(
              HttpRequest.newBuilder(URI.create(LocalStack.ISSUER + "/login")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher csrf =
          Pattern.compile(
                  "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
              .matcher(page.body());
      check(csrf.find(), "the login page has a CSRF field", page);
      String csrfValue = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
      HttpResponse<String> posted =
          browser.send(
              HttpRequest.newBuilder(URI.create(LocalStack.ISSUER + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          form(
                              Map.of(
                                  "username", username, "password", password, "_csrf", csrfValue))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      check(posted.statusCode() == 302, "login should redirect back to authorize", posted);
      String location = posted.headers().firstValue("Location").orElseThrow();
      for (int hops = 0; hops < 5 && !location.startsWith(redirect); hops++) {
        HttpResponse<String> next =
            browser.send(
                HttpRequest.newBuilder(
                        URI.create(location).isAbsolute()
                            ? URI.create(location)
                            : URI.create(LocalStack.ISSUER + location))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        check(next.statusCode() == 302, "authorize should redirect with a code", next);
        location = next.headers().firstValue("Location").orElseThrow();
      }
      Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
      check(
          code.find() && location.contains("state=" + state),
          "the redirect carries the code and state: " + location,
          null);
      HttpResponse<String> token =
          browser.send(
              HttpRequest.newBuilder(URI.create(LocalStack.ISSUER + "/oauth2/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          form(
                              Map.of(
                                  "grant_type",
                                  "authorization_code",
                                  "code",
                                  java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                                  "redirect_uri",
                                  redirect,
                                  "client_id",
                                  "web-frontend",
                                  "code_verifier",
                                  verifier))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      check(token.statusCode() == 200, "the token endpoint should issue tokens", token);
      return JSON.readTree(token.body()).path("access_token").asString();
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("login of " + username + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void check(boolean ok, String what, HttpResponse<String> r) {
    if (!ok) {
      throw new AssertionError(
          what
              + (r == null
                  ? ""
                  : ": got "
                      + r.statusCode()
                      + " "
                      + r.headers().map()
                      + " "
                      + r.body().substring(0, Math.min(500, r.body().length()))));
    }
  }

  static String form(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public static Response get(String user, String path) {
    return send(user, "GET", path, null, null);
  }

  public static Response post(String user, String path, Object body) {
    return send(user, "POST", path, body, null);
  }

  public static Response put(String user, String path, Object body) {
    return send(user, "PUT", path, body, null);
  }

  public static Response delete(String user, String path) {
    return send(user, "DELETE", path, null, null);
  }

  /**
   * A request to the gateway (or to a full URL); {@code user} null = no token; body: Map (JSON),
   * String (raw JSON) or byte[].
   */
  public static Response send(
      String user, String method, String pathOrUrl, Object body, String bearer) {
    URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : LocalStack.GATEWAY + pathOrUrl);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header(
                "Accept",
                uri.getPath().equals("/actuator/prometheus")
                    ? "text/plain"
                    : "application/json, application/problem+json");
    String auth = bearer != null ? bearer : user != null ? token(user) : null;
    if (auth != null) {
      b.header("Authorization", "Bearer " + auth);
    }
    byte[] bytes =
        body == null
            ? null
            : body instanceof byte[] raw
                ? raw
                : body instanceof String s
                    ? s.getBytes(StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(body);
    if (bytes != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        bytes == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(bytes));
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A browser's top-level GET through the gateway, without a token, carrying {@code cookie} (a
   * {@code name=value} pair, or null for a browser that has none).
   */
  public static Response browserGet(String path, String cookie) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(LocalStack.GATEWAY + path))
            .timeout(Duration.ofSeconds(30))
            .GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
