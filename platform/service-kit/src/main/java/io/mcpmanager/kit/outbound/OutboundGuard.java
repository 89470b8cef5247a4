package io.mcpmanager.kit.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a user-influenced URL before anything is sent: scheme (https, http only where configured),
 * no credentials in the URL, the host resolved once and every address it resolves to public (or
 * re-admitted by the operator). Returns the checked addresses so the caller connects to exactly
 * them: a second DNS answer never gets a say (no rebinding).
 */
public final class OutboundGuard {

  private static final Set<String> METADATA_NAMES =
      Set.of("metadata.google.internal", "metadata", "metadata.goog", "instance-data");
  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      String cidr = text.strip();
      int slash = cidr.indexOf('/');
      try {
        byte[] network =
            InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
        int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        return new Cidr(network, prefix);
      } catch (UnknownHostException | NumberFormatException e) {
        throw new IllegalArgumentException("not a CIDR range: " + text, e);
      }
    }

    boolean contains(InetAddress address) {
      return AddressClassifier.matches(network, prefix, address.getAddress());
    }
  }

  private final OutboundProperties properties;
  private final OutboundResolver resolver;
  private final List<Cidr> allowed;

  public OutboundGuard(OutboundProperties properties, OutboundResolver resolver) {
    this.properties = properties;
    this.resolver = resolver;
    this.allowed =
        properties.allowedCidrs().stream().filter(c -> !c.isBlank()).map(Cidr::parse).toList();
  }

  public OutboundProperties properties() {
    return properties;
  }

  /** Parses and checks; throws {@link OutboundRefusedException} naming the problem. */
  public CheckedTarget check(String url) {
    try {
      return check(new URI(url.strip()));
    } catch (URISyntaxException e) {
      throw OutboundRefusedException.of("malformed_url", "url is not a valid absolute URL");
    }
  }

  /** Checks an absolute URL; throws {@link OutboundRefusedException} naming the problem. */
  public CheckedTarget check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowHttp())) {
      throw scheme.equals("http")
          ? OutboundRefusedException.of("https_required", "url must use https")
          : OutboundRefusedException.of("unsupported_scheme", "url must use https");
    }
    String raw = uri.getHost();
    if (raw == null || raw.isBlank()) {
      throw OutboundRefusedException.of("malformed_url", "url has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw OutboundRefusedException.of("credentials_in_url", "url must not contain credentials");
    }
    String host = raw.startsWith("[") ? raw.substring(1, raw.length() - 1) : raw;
    String name = host.toLowerCase(Locale.ROOT);
    if (METADATA_NAMES.contains(name.endsWith(".") ? name.substring(0, name.length() - 1) : name)) {
      throw OutboundRefusedException.address(AddressClassifier.Kind.METADATA);
    }
    List<InetAddress> addresses = resolve(host);
    for (InetAddress address : addresses) {
      AddressClassifier.Kind kind = AddressClassifier.refusal(address);
      if (kind != null && !admitted(kind, address)) {
        throw OutboundRefusedException.address(kind);
      }
    }
    return new CheckedTarget(uri, host, addresses);
  }

  private boolean admitted(AddressClassifier.Kind kind, InetAddress address) {
    if (kind == AddressClassifier.Kind.METADATA) {
      return false;
    }
    if (kind == AddressClassifier.Kind.LOOPBACK && properties.allowLoopback()) {
      return true;
    }
    return allowed.stream().anyMatch(c -> c.contains(address));
  }

  private List<InetAddress> resolve(String host) {
    try {
      if (host.contains(":") || IPV4_LITERAL.matcher(host).matches()) {
        // A literal: parsed, never looked up.
        return List.of(InetAddress.getByName(host));
      }
      List<InetAddress> addresses = resolver.resolve(host);
      if (addresses.isEmpty()) {
        throw new UnknownHostException(host);
      }
      return addresses;
    } catch (UnknownHostException e) {
      throw OutboundRefusedException.of("unresolvable_host", "url's host cannot be resolved");
    }
  }
}
