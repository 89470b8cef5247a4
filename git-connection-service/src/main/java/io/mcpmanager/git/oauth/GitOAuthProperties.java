package io.mcpmanager.git.oauth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code git.oauth.*}.
 *
 * @param callbackBaseUrl public base URL the provider redirects the browser to (the gateway)
 * @param frontendUrl the Git connections page; the callback redirects there with the outcome
 * @param allowedReturnUrls URL prefixes a client may ask to be sent back to instead
 */
@ConfigurationProperties("git.oauth")
public record GitOAuthProperties(
    @DefaultValue("http://127.0.0.1:8080") String callbackBaseUrl,
    @DefaultValue("http://127.0.0.1:5173/git/connections") String frontendUrl,
    @DefaultValue List<String> allowedReturnUrls) {

  boolean isAllowedReturnUrl(String url) {
    if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || url.contains("@")) {
      return false;
    }
    return url.startsWith(frontendUrl) || allowedReturnUrls.stream().anyMatch(url::startsWith);
  }
}
