package io.mcpmanager.kit.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A URL that passed the guard, with the addresses its host resolved to when it was checked. A
 * connection for it goes to one of these addresses and nowhere else.
 *
 * @param uri the URL as checked
 * @param host the host name (an IPv6 literal without brackets)
 * @param addresses the checked addresses, never empty
 */
public record CheckedTarget(URI uri, String host, List<InetAddress> addresses) {

  public CheckedTarget {
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("a checked target has at least one address");
    }
  }
}
