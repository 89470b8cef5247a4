package io.mcpmanager.auth.pat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Checks the networks a token may be used from: IP literals with a prefix, never host names. */
final class Cidrs {

  private Cidrs() {}

  /** The networks, trimmed; a bare address is its own /32 or /128. */
  static List<String> validated(List<String> cidrs) {
    return cidrs.stream().map(String::trim).map(Cidrs::validated).distinct().toList();
  }

  private static String validated(String cidr) {
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    if (address.isEmpty() || !address.chars().allMatch(Cidrs::isLiteralChar)) {
      throw PatRequestException.invalidCidr(cidr);
    }
    int bits;
    try {
      // A literal of digits, dots, hex and colons: the JDK parses it without a DNS lookup.
      bits = InetAddress.getByName(address).getAddress().length * 8;
    } catch (UnknownHostException e) {
      throw PatRequestException.invalidCidr(cidr);
    }
    if (!address.contains(":") && address.chars().filter(c -> c == '.').count() != 3) {
      throw PatRequestException.invalidCidr(cidr);
    }
    if (slash < 0) {
      return cidr + "/" + bits;
    }
    String prefix = cidr.substring(slash + 1);
    if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
      throw PatRequestException.invalidCidr(cidr);
    }
    if (Integer.parseInt(prefix) > bits) {
      throw PatRequestException.invalidCidr(cidr);
    }
    return cidr;
  }

  private static boolean isLiteralChar(int c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'f')
        || (c >= 'A' && c <= 'F')
        || c == '.'
        || c == ':';
  }
}
