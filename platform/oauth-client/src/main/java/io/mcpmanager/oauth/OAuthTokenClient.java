package io.mcpmanager.oauth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a token endpoint: authorization code exchange (with the PKCE verifier) and refresh.
 * Requests are form-encoded (RFC 6749 §4.1.3, §6); answers are JSON or, from older providers,
 * form-encoded. Errors become typed exceptions; some providers (GitHub) report errors with status
 * 200.
 */
public class OAuthTokenClient {

  /**
   * Error codes that mean "this code or refresh token is dead": invalid_grant and GitHub's names.
   */
  static final Set<String> GRANT_ERRORS =
      Set.of("invalid_grant", "bad_verification_code", "bad_refresh_token");

  private final RestClient http;
  private final JsonMapper json = JsonMapper.builder().build();

  public OAuthTokenClient(Duration connectTimeout, Duration readTimeout) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
    factory.setReadTimeout(readTimeout);
    this.http = RestClient.builder().requestFactory(factory).build();
  }

  public TokenResponse exchange(OAuthClientRegistration client, String code, String codeVerifier) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "authorization_code");
    form.add("code", code);
    form.add("redirect_uri", client.redirectUri().toString());
    form.add("code_verifier", codeVerifier);
    return call(client, form);
  }

  public TokenResponse refresh(OAuthClientRegistration client, String refreshToken) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "refresh_token");
    form.add("refresh_token", refreshToken);
    return call(client, form);
  }

  private TokenResponse call(OAuthClientRegistration client, MultiValueMap<String, String> form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    if (client.clientAuthentication() == OAuthClientRegistration.ClientAuthentication.BASIC) {
      String credentials = urlEncode(client.clientId()) + ":" + urlEncode(client.clientSecret());
      headers.set(
          HttpHeaders.AUTHORIZATION,
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    } else {
      form.add("client_id", client.clientId());
      form.add("client_secret", client.clientSecret());
    }
    try {
      return http.post()
          .uri(client.tokenUri())
          .headers(h -> h.addAll(headers))
          .body(form)
          .exchange(
              (request, response) -> {
                int status = response.getStatusCode().value();
                String body = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
                MediaType type = response.getHeaders().getContentType();
                return interpret(status, parse(body, type));
              });
    } catch (ResourceAccessException e) {
      throw OAuthUnavailableException.unreachable(e.getCause() == null ? e : e.getCause());
    }
  }

  private TokenResponse interpret(int status, Map<String, String> body) {
    String error = body.get("error");
    if (status >= 500 || status == 429) {
      throw OAuthUnavailableException.status(status);
    }
    if (error != null || status >= 400) {
      String code = error == null ? "http_" + status : error;
      if (GRANT_ERRORS.contains(code)) {
        throw InvalidGrantException.of(code, body.get("error_description"));
      }
      throw OAuthErrorException.of(code, body.get("error_description"), status);
    }
    String accessToken = body.get("access_token");
    if (accessToken == null || accessToken.isBlank()) {
      throw OAuthErrorException.of("invalid_response", "no access_token in the answer", status);
    }
    return new TokenResponse(
        accessToken,
        blankToNull(body.get("refresh_token")),
        body.get("token_type"),
        TokenResponse.parseScopes(body.get("scope")),
        seconds(body.get("expires_in")),
        seconds(body.get("refresh_token_expires_in")));
  }

  private Map<String, String> parse(String body, @Nullable MediaType type) {
    Map<String, String> values = new LinkedHashMap<>();
    if (body.isBlank()) {
      return values;
    }
    if (type != null && type.isCompatibleWith(MediaType.APPLICATION_FORM_URLENCODED)) {
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
    try {
      JsonNode node = json.readTree(body);
      node.properties()
          .forEach(
              e -> {
                if (!e.getValue().isNull() && e.getValue().isValueNode()) {
                  values.put(e.getKey(), e.getValue().asString());
                }
              });
    } catch (JacksonException e) {
      values.put("error", "invalid_response");
      values.put("error_description", "the answer is not JSON");
    }
    return values;
  }

  private static @Nullable Duration seconds(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long s = Long.parseLong(value.trim());
      return s > 0 ? Duration.ofSeconds(s) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
