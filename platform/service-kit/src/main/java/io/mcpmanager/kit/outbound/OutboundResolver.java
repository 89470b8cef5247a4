package io.mcpmanager.kit.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to its addresses, once per request; replaceable in tests. */
@FunctionalInterface
public interface OutboundResolver {

  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The JVM's resolver. */
  static OutboundResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
