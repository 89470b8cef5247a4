package io.mcpmanager.mcp.testdata;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The test JVM's DNS (a {@link InetAddressResolverProvider}, so every lookup sees it: the outbound
 * guard's and any HTTP client's). Names under {@code .test.example} answer what a test set, in
 * turn: each lookup takes the next answer and the last one stays, like an attacker's name server
 * with TTL 0 that answers a public address to the check and loopback to the connection. Every other
 * name goes to the JVM's own resolver. The address cache is off in the test JVM ({@code
 * -Dsun.net.inetaddr.ttl=0}).
 */
public final class TestDns extends InetAddressResolverProvider {

  private static final String ZONE = ".test.example";
  private static final Map<String, Deque<String>> ANSWERS = new ConcurrentHashMap<>();

  /**
   * From now on {@code host} resolves to each of {@code addresses} in turn, the last one sticky.
   */
  public static void answer(String host, String... addresses) {
    if (!host.endsWith(ZONE) || addresses.length == 0) {
      throw new IllegalArgumentException("a test name ends with " + ZONE + " and has answers");
    }
    ANSWERS.put(host.toLowerCase(Locale.ROOT), new ArrayDeque<>(List.of(addresses)));
  }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        if (!name.endsWith(ZONE)) {
          return builtin.lookupByName(host, policy);
        }
        Deque<String> answers = ANSWERS.get(name);
        if (answers == null) {
          throw new UnknownHostException(host);
        }
        String next;
        synchronized (answers) {
          next = answers.size() > 1 ? answers.poll() : answers.peek();
        }
        // A literal is parsed, never looked up.
        return Stream.of(InetAddress.getByName(next));
      }

      @Override
      public String lookupByAddress(byte[] address) throws UnknownHostException {
        return builtin.lookupByAddress(address);
      }
    };
  }

  @Override
  public String name() {
    return "mcp-server-service tests";
  }
}
