package io.mcpmanager.gateway.request;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Who the caller is, by address: the connection's peer, unless the peer is one of the trusted
 * proxies ({@code mcpm.gateway.request.trusted-proxies}, CIDRs, e.g. the ingress); then the nearest
 * address in the {@code X-Forwarded-For} chain that is not a trusted proxy, read right to left as
 * proxies append. Rate limits of anonymous callers and the services' audit records use this one
 * answer.
 */
@Component
public class ClientAddresses {

  private static final String X_FORWARDED_FOR = "X-Forwarded-For";

  private final List<Cidr> trustedProxies;

  public ClientAddresses(RequestProperties properties) {
    this.trustedProxies =
        properties.trustedProxies().stream()
            .filter(StringUtils::hasText)
            .map(String::trim)
            .map(Cidr::parse)
            .toList();
  }

  /** The client's address, or null when the request has no peer address (not over a socket). */
  public @Nullable String client(ServerHttpRequest request) {
    String peer = peer(request);
    if (peer == null || !isTrustedProxy(peer)) {
      return peer;
    }
    List<String> chain = forwardedChain(request);
    for (int hop = chain.size() - 1; hop >= 0; hop--) {
      String address = chain.get(hop);
      if (!isIpLiteral(address)) {
        // A trusted proxy wrote an address we cannot judge: stop at the last one we could.
        return hop == chain.size() - 1 ? peer : chain.get(hop + 1);
      }
      if (!isTrustedProxy(address)) {
        return address;
      }
    }
    return chain.isEmpty() ? peer : chain.get(0);
  }

  boolean isTrustedProxy(String address) {
    // The gateway at the edge (no trusted proxies) answers every request without parsing anything.
    if (trustedProxies.isEmpty() || !isIpLiteral(address)) {
      return false;
    }
    byte[] bytes = literal(address).getAddress();
    return trustedProxies.stream().anyMatch(cidr -> cidr.contains(bytes));
  }

  static @Nullable String peer(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null) {
      return null;
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }

  private static List<String> forwardedChain(ServerHttpRequest request) {
    List<String> chain = new ArrayList<>();
    for (String header : request.getHeaders().getValuesAsList(X_FORWARDED_FOR)) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          chain.add(hop.trim());
        }
      }
    }
    return chain;
  }

  /** An IPv4 or IPv6 literal, checked without a DNS lookup (a name is never an address here). */
  private static boolean isIpLiteral(String value) {
    if (value.isEmpty() || value.length() > 45) {
      return false;
    }
    boolean colon = value.indexOf(':') >= 0;
    for (char c : value.toCharArray()) {
      boolean digit = c >= '0' && c <= '9';
      boolean hex = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!(digit || c == '.' || (colon && (hex || c == ':')))) {
        return false;
      }
    }
    return colon || value.chars().filter(c -> c == '.').count() == 3;
  }

  /** Parses an address already known to be a literal: the JDK does no lookup for a literal. */
  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + address, e);
    }
  }

  /** A network in CIDR notation; a bare address is its own /32 or /128. */
  public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String value) {
      int slash = value.indexOf('/');
      String address = slash < 0 ? value : value.substring(0, slash);
      if (!isIpLiteral(address)) {
        throw new IllegalArgumentException("not a CIDR: " + value);
      }
      byte[] network = literal(address).getAddress();
      int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(value.substring(slash + 1));
      if (prefix < 0 || prefix > network.length * 8) {
        throw new IllegalArgumentException("impossible prefix: " + value);
      }
      return new Cidr(network, prefix);
    }

    /** Whether an address (an IP literal; anything else is outside) is in this network. */
    public boolean containsAddress(@Nullable String address) {
      return address != null && isIpLiteral(address) && contains(literal(address).getAddress());
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int whole = prefix / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[whole] & mask) == (network[whole] & mask);
    }
  }
}
