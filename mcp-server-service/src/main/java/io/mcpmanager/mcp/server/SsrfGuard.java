package io.mcpmanager.mcp.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Refuses MCP server URLs that point into the manager's own network: loopback, private, link-local
 * (cloud metadata at 169.254.169.254 included), unique-local IPv6 and unspecified addresses, also
 * when a host name resolves to one of them. An operator allow-list re-admits chosen ranges.
 */
public class SsrfGuard {

  /** Resolves a host name to all its addresses; replaceable in tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private record Range(String reason, IpAddressMatcher matcher) {
    static Range of(String reason, String cidr) {
      return new Range(reason, new IpAddressMatcher(cidr));
    }
  }

  private static final List<Range> REFUSED =
      List.of(
          Range.of("metadata_address", "169.254.169.254/32"),
          Range.of("metadata_address", "fd00:ec2::254/128"),
          Range.of("loopback_address", "127.0.0.0/8"),
          Range.of("loopback_address", "::1/128"),
          Range.of("unspecified_address", "0.0.0.0/8"),
          Range.of("unspecified_address", "::/128"),
          Range.of("private_address", "10.0.0.0/8"),
          Range.of("private_address", "172.16.0.0/12"),
          Range.of("private_address", "192.168.0.0/16"),
          Range.of("private_address", "100.64.0.0/10"),
          Range.of("private_address", "fc00::/7"),
          Range.of("link_local_address", "169.254.0.0/16"),
          Range.of("link_local_address", "fe80::/10"),
          Range.of("multicast_address", "224.0.0.0/4"),
          Range.of("multicast_address", "ff00::/8"));

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
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(literal);
    } catch (UnknownHostException e) {
      throw InvalidServerException.url(
          "unresolvable_host", "The host " + host + " cannot be resolved");
    }
    for (InetAddress address : addresses) {
      String ip = address.getHostAddress();
      int scope = ip.indexOf('%');
      String bare = scope < 0 ? ip : ip.substring(0, scope);
      if (allowed.stream().anyMatch(m -> m.matches(bare))) {
        continue;
      }
      for (Range range : REFUSED) {
        if (range.matcher().matches(bare)) {
          throw InvalidServerException.url(
              range.reason(),
              "The URL's host "
                  + host
                  + " resolves to "
                  + bare
                  + ", a "
                  + range.reason().replace('_', ' ')
                  + " that is not allowed");
        }
      }
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
