package io.mcpmanager.integration.provider;

import io.mcpmanager.kit.outbound.OutboundHttp;
import io.mcpmanager.kit.outbound.OutboundRefusedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The Jira site a user names ({@code meta.site_url}) is a user-chosen destination: only {@code
 * *.atlassian.net} sites, or self-hosted hosts the operator lists in {@code
 * mcpm.integrations.jira.allowed-self-hosted-hosts}, and every call goes through the platform's
 * outbound guard (checked address only, no redirect, capped body) (#14 item 3).
 */
@Component
public class JiraSites {

  private final OutboundHttp outbound;
  private final List<String> selfHosted;

  public JiraSites(
      OutboundHttp outbound,
      @Value("${mcpm.integrations.jira.allowed-self-hosted-hosts:}") List<String> selfHosted) {
    this.outbound = outbound;
    this.selfHosted =
        selfHosted.stream()
            .map(h -> h.strip().toLowerCase(Locale.ROOT))
            .filter(h -> !h.isEmpty())
            .toList();
  }

  /** A guarded client for this site; throws {@link OutboundRefusedException} naming the problem. */
  public RestClient clientFor(String siteUrl) {
    URI uri;
    try {
      uri = new URI(siteUrl.strip());
    } catch (URISyntaxException e) {
      throw OutboundRefusedException.of("malformed_url", "site_url is not a valid absolute URL");
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!host.endsWith(".atlassian.net") && !selfHosted.contains(host)) {
      throw OutboundRefusedException.of(
          "jira_site_not_allowed",
          "site_url must be an *.atlassian.net site or a self-hosted Jira the operator allows");
    }
    outbound.guard().check(uri);
    return RestClient.builder().requestFactory(outbound.requestFactory()).build();
  }
}
