package io.mcpmanager.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.gateway.request.ClientAddresses;
import io.mcpmanager.gateway.request.RequestProperties;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;

/** Anonymous callers behind an ingress each get their own bucket, not the ingress's one (#14). */
class RateLimitKeyResolverTests {

  private final RateLimitKeyResolver keys =
      new RateLimitKeyResolver(
          new ClientAddresses(
              new RequestProperties(DataSize.ofMegabytes(1), List.of("10.0.0.0/8"))));

  @Test
  void shouldKeyAnonymousCallersBehindATrustedIngressByTheirOwnAddress() {
    assertThat(keys.resolve(anonymous("10.0.3.7", "198.51.100.4")).block())
        .isEqualTo("ip:198.51.100.4");
    assertThat(keys.resolve(anonymous("10.0.3.7", "198.51.100.5")).block())
        .isEqualTo("ip:198.51.100.5");
  }

  @Test
  void shouldNotLetAnUntrustedCallerPickAFreshBucket() {
    assertThat(keys.resolve(anonymous("198.51.100.4", "203.0.113.1")).block())
        .isEqualTo("ip:198.51.100.4");
  }

  private static MockServerWebExchange anonymous(String peer, String forwardedFor) {
    return MockServerWebExchange.from(
        MockServerHttpRequest.post("/oauth2/token")
            .remoteAddress(new InetSocketAddress(peer, 50000))
            .header("X-Forwarded-For", forwardedFor));
  }
}
