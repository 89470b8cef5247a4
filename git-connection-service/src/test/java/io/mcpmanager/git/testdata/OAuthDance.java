package io.mcpmanager.git.testdata;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.mcpmanager.oauth.BrowserBinding;
import io.mcpmanager.testsupport.TestJwtIssuer;
import jakarta.servlet.http.Cookie;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the browser's part of the authorization code flow against the service and a fake provider.
 */
public final class OAuthDance {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The browser's cookie jar: the binding cookie each start response set, by the state. */
  private static final Map<String, Cookie> BINDINGS = new ConcurrentHashMap<>();

  private OAuthDance() {}

  /** The authorize URL's query parameters returned by {@code oauth/start}. */
  public static MultiValueMap<String, String> start(
      MockMvc mvc, String provider, String userId, String body) throws Exception {
    var request =
        post("/api/git/" + provider + "/oauth/start")
            .header("Authorization", "Bearer " + TestJwtIssuer.shared().userToken(userId));
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
    JsonNode node = JSON.readTree(response.getContentAsString());
    MultiValueMap<String, String> query =
        UriComponentsBuilder.fromUriString(node.path("authorization_url").asString())
            .build()
            .getQueryParams();
    Cookie binding = response.getCookie(BrowserBinding.cookieName(provider));
    String state = query.getFirst("state");
    if (binding != null && state != null) {
      BINDINGS.put(state, binding);
    }
    return query;
  }

  /** The cookie the start response for {@code state} set in the starting browser, if any. */
  public static @Nullable Cookie binding(@Nullable String state) {
    return state == null ? null : BINDINGS.get(state);
  }

  /** The Location the callback redirects the starting browser to (it brings its cookie). */
  public static String callback(MockMvc mvc, String provider, String code, String state)
      throws Exception {
    return callback(mvc, provider, code, state, binding(state));
  }

  /** The Location the callback redirects a browser with {@code cookie} (or none) to. */
  public static String callback(
      MockMvc mvc, String provider, String code, String state, @Nullable Cookie cookie)
      throws Exception {
    var request = get("/api/git/" + provider + "/oauth/callback");
    if (cookie != null) {
      request.cookie(cookie);
    }
    if (code != null) {
      request.param("code", code);
    }
    if (state != null) {
      request.param("state", state);
    }
    return mvc.perform(request).andReturn().getResponse().getHeader("Location");
  }

  /** A complete, consenting authorization; returns the connection id from the success redirect. */
  public static UUID connect(MockMvc mvc, FakeProvider provider, String userId) throws Exception {
    MultiValueMap<String, String> authorize = start(mvc, provider.id(), userId, null);
    String code = provider.tokens().issueCode(authorize.getFirst("code_challenge"));
    String location = callback(mvc, provider.id(), code, authorize.getFirst("state"));
    String id =
        UriComponentsBuilder.fromUriString(location)
            .build()
            .getQueryParams()
            .getFirst("connection_id");
    if (id == null) {
      throw new AssertionError("connect failed: " + location);
    }
    return UUID.fromString(id);
  }
}
