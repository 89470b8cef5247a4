package io.mcpmanager.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.util.unit.DataSize;

class ClientAddressesTests {

  private static final String INGRESS = "10.0.3.7";

  private final ClientAddresses behindIngress =
      new ClientAddresses(new RequestProperties(DataSize.ofMegabytes(1), List.of("10.0.0.0/8")));

  private final ClientAddresses atTheEdge =
      new ClientAddresses(new RequestProperties(DataSize.ofMegabytes(1), List.of()));

  @Test
  void shouldTakeTheAddressATrustedIngressReports() {
    assertThat(behindIngress.client(from(INGRESS, "198.51.100.4"))).isEqualTo("198.51.100.4");
  }

  @Test
  void shouldSkipEveryTrustedHopAndIgnoreWhatTheClientPrependedItself() {
    // The caller sent "X-Forwarded-For: 203.0.113.9"; the ingress appended the real address, and a
    // second in-cluster proxy appended the ingress.
    assertThat(behindIngress.client(from(INGRESS, "203.0.113.9, 198.51.100.4, 10.0.9.9")))
        .isEqualTo("198.51.100.4");
  }

  @Test
  void shouldIgnoreXForwardedForFromAnUntrustedPeer() {
    assertThat(behindIngress.client(from("198.51.100.4", "203.0.113.9"))).isEqualTo("198.51.100.4");
    assertThat(atTheEdge.client(from("127.0.0.1", "203.0.113.9"))).isEqualTo("127.0.0.1");
  }

  @Test
  void shouldStopAtAHopThatIsNotAnAddress() {
    assertThat(behindIngress.client(from(INGRESS, "unknown"))).isEqualTo(INGRESS);
    assertThat(behindIngress.client(from(INGRESS, "evil.example, 10.0.4.4"))).isEqualTo("10.0.4.4");
  }

  @Test
  void shouldTakeThePeerWhenATrustedProxySendsNoChain() {
    assertThat(behindIngress.client(from(INGRESS, null))).isEqualTo(INGRESS);
  }

  @Test
  void shouldMatchIpv6Proxies() {
    ClientAddresses v6 =
        new ClientAddresses(new RequestProperties(DataSize.ofMegabytes(1), List.of("fd00::/8")));
    assertThat(v6.client(from("fd00::1", "2001:db8::5"))).isEqualTo("2001:db8::5");
  }

  private static MockServerHttpRequest from(String peer, String forwardedFor) {
    MockServerHttpRequest.BaseBuilder<?> request =
        MockServerHttpRequest.get("/api/integrations")
            .remoteAddress(new InetSocketAddress(peer, 50000));
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return request.build();
  }
}
