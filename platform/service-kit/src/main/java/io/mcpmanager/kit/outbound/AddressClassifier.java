package io.mcpmanager.kit.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Says whether an address belongs to the manager's own network or to something no user-supplied URL
 * may reach. IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible ({@code ::a.b.c.d}) and 6to4
 * ({@code 2002:ab:cd::}) forms are judged by the IPv4 address they carry.
 */
public final class AddressClassifier {

  /** Why an address is refused; {@link #phrase()} completes "url resolves to ...". */
  public enum Kind {
    METADATA("metadata_address", "a cloud metadata address"),
    LOOPBACK("loopback_address", "a loopback address"),
    UNSPECIFIED("unspecified_address", "an unspecified address"),
    PRIVATE("private_address", "a private address"),
    SHARED("private_address", "a private (CGNAT shared) address"),
    LINK_LOCAL("link_local_address", "a link-local address"),
    UNIQUE_LOCAL("private_address", "a private (unique-local) address"),
    NAT64("reserved_address", "a NAT64 address"),
    BENCHMARKING("reserved_address", "a benchmarking address"),
    PROTOCOL_ASSIGNMENT("reserved_address", "an IETF protocol-assignment address"),
    RESERVED("reserved_address", "a reserved address"),
    MULTICAST("multicast_address", "a multicast address");

    private final String code;
    private final String phrase;

    Kind(String code, String phrase) {
      this.code = code;
      this.phrase = phrase;
    }

    /** A stable machine-readable reason, e.g. {@code private_address}. */
    public String code() {
      return code;
    }

    public String phrase() {
      return phrase;
    }
  }

  private record Range(Kind kind, byte[] network, int prefix) {
    static Range of(Kind kind, String cidr) {
      int slash = cidr.indexOf('/');
      try {
        byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
        return new Range(kind, network, Integer.parseInt(cidr.substring(slash + 1)));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(cidr, e);
      }
    }

    boolean contains(byte[] address) {
      return AddressClassifier.matches(network, prefix, address);
    }
  }

  /** Most specific first: the metadata host before the link-local range around it. */
  private static final List<Range> IPV4 =
      List.of(
          Range.of(Kind.METADATA, "169.254.169.254/32"),
          Range.of(Kind.UNSPECIFIED, "0.0.0.0/8"),
          Range.of(Kind.PRIVATE, "10.0.0.0/8"),
          Range.of(Kind.SHARED, "100.64.0.0/10"),
          Range.of(Kind.LOOPBACK, "127.0.0.0/8"),
          Range.of(Kind.LINK_LOCAL, "169.254.0.0/16"),
          Range.of(Kind.PRIVATE, "172.16.0.0/12"),
          Range.of(Kind.PROTOCOL_ASSIGNMENT, "192.0.0.0/24"),
          Range.of(Kind.PRIVATE, "192.168.0.0/16"),
          Range.of(Kind.BENCHMARKING, "198.18.0.0/15"),
          Range.of(Kind.MULTICAST, "224.0.0.0/4"),
          Range.of(Kind.RESERVED, "240.0.0.0/4"));

  private static final List<Range> IPV6 =
      List.of(
          Range.of(Kind.METADATA, "fd00:ec2::254/128"),
          Range.of(Kind.UNSPECIFIED, "::/128"),
          Range.of(Kind.LOOPBACK, "::1/128"),
          Range.of(Kind.NAT64, "64:ff9b::/96"),
          Range.of(Kind.NAT64, "64:ff9b:1::/48"),
          Range.of(Kind.UNIQUE_LOCAL, "fc00::/7"),
          Range.of(Kind.LINK_LOCAL, "fe80::/10"),
          Range.of(Kind.UNIQUE_LOCAL, "fec0::/10"),
          Range.of(Kind.MULTICAST, "ff00::/8"));

  private AddressClassifier() {}

  /** The reason to refuse this address, or {@code null} when it is a public unicast address. */
  public static @Nullable Kind refusal(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      return classify4(bytes);
    }
    if (address instanceof Inet6Address) {
      byte[] embedded = embeddedIpv4(bytes);
      if (embedded != null) {
        Kind kind = classify4(embedded);
        // ::a.b.c.d with a public a.b.c.d is a deprecated form no real server uses.
        return kind != null ? kind : isCompatible(bytes) ? Kind.RESERVED : null;
      }
      for (Range range : IPV6) {
        if (range.contains(bytes)) {
          return range.kind();
        }
      }
    }
    return null;
  }

  private static @Nullable Kind classify4(byte[] bytes) {
    for (Range range : IPV4) {
      if (range.contains(bytes)) {
        return range.kind();
      }
    }
    return null;
  }

  /** The IPv4 address inside a mapped, compatible or 6to4 IPv6 address, else {@code null}. */
  private static byte @Nullable [] embeddedIpv4(byte[] v6) {
    boolean tenZero = Arrays.equals(v6, 0, 10, new byte[10], 0, 10);
    if (tenZero && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
      return Arrays.copyOfRange(v6, 12, 16);
    }
    if (isCompatible(v6)) {
      return Arrays.copyOfRange(v6, 12, 16);
    }
    if ((v6[0] & 0xff) == 0x20 && (v6[1] & 0xff) == 0x02) {
      return Arrays.copyOfRange(v6, 2, 6);
    }
    return null;
  }

  /** {@code ::a.b.c.d} other than {@code ::} and {@code ::1}. */
  private static boolean isCompatible(byte[] v6) {
    if (!Arrays.equals(v6, 0, 12, new byte[12], 0, 12)) {
      return false;
    }
    int tail = ((v6[12] & 0xff) << 24) | ((v6[13] & 0xff) << 16) | ((v6[14] & 0xff) << 8);
    return tail != 0 || (v6[15] & 0xff) > 1;
  }

  static boolean matches(byte[] network, int prefix, byte[] address) {
    if (network.length != address.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (network[i] != address[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (network[full] & mask) == (address[full] & mask);
  }
}
