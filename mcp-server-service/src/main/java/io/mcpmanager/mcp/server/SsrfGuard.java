package io.mcpmanager.mcp.server;

import io.mcpmanager.kit.outbound.AddressClassifier;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Refuses MCP server URLs that point into the manager's own network, judged by the platform's
 * {@link AddressClassifier}: loopback, private, CGNAT, link-local, unique-local, NAT64, reserved,
 * multicast and cloud metadata addresses, also when a host name resolves to one of them. An
 * operator allow-list ({@code mcpm.mcp.ssrf.allowed-cidrs}) re-admits chosen ranges, never a
 * metadata address.
 */
public class SsrfGuard {

  /** Resolves a host name to all its addresses; replaceable in tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final List<IpAddressMatcher> allowed;
  private final Resolver resolver;

  public SsrfGuard(List<String> allowedCidrs, Resolver resolver) {
    this.allowed =
        allowedCidrs.stream()
            .filter(c -> !c.isBlank())
            .map(String::strip)
            .map(IpAddressMatcher::new)
            .toList();
    this.resolver = resolver;
  }

  public SsrfGuard(List<String> allowedCidrs) {
    this(allowedCidrs, InetAddress::getAllByName);
  }

  /**
   * Checks a URL and returns it parsed; throws {@link InvalidServerException} naming the reason.
   */
  public URI check(String url) {
    URI uri = parse(url);
    String host = uri.getHost();
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    String name = literal.toLowerCase(Locale.ROOT);
    if (name.equals("metadata.google.internal") || name.equals("metadata.google.internal.")) {
      throw InvalidServerException.url(
          AddressClassifier.Kind.METADATA.code(),
          "url resolves to " + AddressClassifier.Kind.METADATA.phrase());
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(literal);
    } catch (UnknownHostException e) {
      throw InvalidServerException.url(
          "unresolvable_host", "The host " + host + " cannot be resolved");
    }
    for (InetAddress address : addresses) {
      // The platform's one classifier (io.mcpmanager.kit.outbound): every internal range,
      // IPv4-mapped and 6to4 forms included; a metadata address is never re-admitted.
      AddressClassifier.Kind kind = AddressClassifier.refusal(address);
      if (kind == null) {
        continue;
      }
      String ip = address.getHostAddress();
      int scope = ip.indexOf('%');
      String bare = scope < 0 ? ip : ip.substring(0, scope);
      if (kind != AddressClassifier.Kind.METADATA
          && allowed.stream().anyMatch(m -> m.matches(bare))) {
        continue;
      }
      throw InvalidServerException.url(kind.code(), "url resolves to " + kind.phrase());
    }
    return uri;
  }

  private static URI parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw InvalidServerException.url("malformed_url", "The URL is not a valid absolute URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw InvalidServerException.url("unsupported_scheme", "The URL must use http or https");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw InvalidServerException.url("malformed_url", "The URL has no host");
    }
    if (uri.getUserInfo() != null) {
      throw InvalidServerException.url(
          "credentials_in_url", "The URL must not contain credentials");
    }
    return uri;
  }
}
