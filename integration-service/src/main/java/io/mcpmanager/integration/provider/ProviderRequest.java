package io.mcpmanager.integration.provider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;

/**
 * The read-only identity call a provider documents for checking a credential. Credentials go in
 * headers or a form body, never in the URL (URLs end up in logs and exception messages).
 */
public record ProviderRequest(
    HttpMethod method, URI uri, Map<String, String> headers, Map<String, String> form) {

  public static ProviderRequest get(String baseUrl, String path) {
    return new ProviderRequest(
        HttpMethod.GET, join(baseUrl, path), new LinkedHashMap<>(), Map.of());
  }

  public static ProviderRequest postForm(String baseUrl, String path, Map<String, String> form) {
    return new ProviderRequest(HttpMethod.POST, join(baseUrl, path), new LinkedHashMap<>(), form);
  }

  public ProviderRequest header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public ProviderRequest bearer(String token) {
    return header("Authorization", "Bearer " + token);
  }

  public ProviderRequest basic(String user, String password) {
    String pair = user + ":" + password;
    return header(
        "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  private static URI join(String baseUrl, String path) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return URI.create(base + path);
  }
}
