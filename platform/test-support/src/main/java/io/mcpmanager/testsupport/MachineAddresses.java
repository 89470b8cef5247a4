package io.mcpmanager.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** Addresses of this machine, for tests that must connect from somewhere other than loopback. */
public final class MachineAddresses {

  private MachineAddresses() {}

  /**
   * An IPv4 address of an interface that is up and not loopback: a connection to it comes from a
   * peer that is not a trusted proxy.
   */
  public static String nonLoopbackIpv4() {
    try {
      return NetworkInterface.networkInterfaces()
          .filter(MachineAddresses::isUp)
          .flatMap(NetworkInterface::inetAddresses)
          .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
          .map(InetAddress::getHostAddress)
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "this test needs a non-loopback IPv4 address on the machine (e.g. eth0's)"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp();
    } catch (SocketException e) {
      return false;
    }
  }
}
