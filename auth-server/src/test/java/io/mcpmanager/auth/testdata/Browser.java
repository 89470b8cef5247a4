package io.mcpmanager.auth.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real HTTP client with a cookie jar, like a browser: it keeps the session and follows no
 * redirect by itself, so tests can look at every step of a flow.
 */
public final class Browser {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private final String forwardedFor;

  public Browser(String base) {
    this(base, null);
  }

  /**
   * A browser behind a proxy that reports it as {@code forwardedFor} ({@code X-Forwarded-For}); the
   * test's own connection comes from loopback, a trusted proxy by default.
   */
  public Browser(String base, String forwardedFor) {
    this.base = base;
    this.forwardedFor = forwardedFor;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public HttpResponse<String> get(String pathOrUrl) {
    return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET().build());
  }

  public HttpResponse<String> postForm(String pathOrUrl, Map<String, String> form) {
    return postForm(pathOrUrl, form, null);
  }

  public HttpResponse<String> postForm(
      String pathOrUrl, Map<String, String> form, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(pathOrUrl))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  /** Submits the login form with its CSRF token; returns the answer (a redirect). */
  public HttpResponse<String> login(String username, String password) {
    HttpResponse<String> page = get("/login");
    if (page.statusCode() != 200) {
      throw new IllegalStateException("login page answered " + page.statusCode());
    }
    return postForm(
        "/login", Map.of("username", username, "password", password, "_csrf", csrf(page.body())));
  }

  /** Follows redirects within this server until one leaves it or a page is shown. */
  public HttpResponse<String> follow(HttpResponse<String> response) {
    HttpResponse<String> current = response;
    for (int i = 0;
        i < 10
            && isRedirect(current)
            && (location(current).startsWith(base) || location(current).startsWith("/"));
        i++) {
      current = get(location(current));
    }
    return current;
  }

  public static boolean isRedirect(HttpResponse<String> response) {
    return response.statusCode() == 302 || response.statusCode() == 303;
  }

  public static String location(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(
            () -> new IllegalStateException("no Location header, status " + response.statusCode()));
  }

  public static String csrf(String html) {
    Matcher matcher = CSRF.matcher(html);
    if (!matcher.find()) {
      throw new IllegalStateException("no CSRF token in the page");
    }
    return matcher.group(1);
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
  }

  private HttpResponse<String> send(HttpRequest request) {
    if (forwardedFor != null) {
      request =
          HttpRequest.newBuilder(request, (name, value) -> true)
              .header("X-Forwarded-For", forwardedFor)
              .build();
    }
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
