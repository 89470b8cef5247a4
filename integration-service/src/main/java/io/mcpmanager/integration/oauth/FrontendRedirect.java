package io.mcpmanager.integration.oauth;

import java.net.URI;
import java.util.UUID;
import org.springframework.web.util.UriComponentsBuilder;

/** Where the OAuth callback sends the browser: the frontend, with the outcome in the query. */
final class FrontendRedirect {

  private FrontendRedirect() {}

  static URI connected(String back, String type, UUID integrationId) {
    return UriComponentsBuilder.fromUriString(back)
        .queryParam("status", "connected")
        .queryParam("type", type)
        .queryParam("integration_id", integrationId)
        .build()
        .encode()
        .toUri();
  }

  /**
   * @param type null when the callback named no type
   */
  static URI failure(String back, String type, String error) {
    UriComponentsBuilder url =
        UriComponentsBuilder.fromUriString(back).queryParam("status", "error");
    if (type != null) {
      url.queryParam("type", type);
    }
    return url.queryParam("error", error).build().encode().toUri();
  }
}
