package io.mcpmanager.kit.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

class OutboundGuardTests {

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** An IPv6 address kept as IPv6 (Java would turn ::ffff:a.b.c.d into an Inet4Address). */
  private static InetAddress mapped(String v4) {
    byte[] four = ip(v4).getAddress();
    byte[] six = new byte[16];
    six[10] = (byte) 0xff;
    six[11] = (byte) 0xff;
    System.arraycopy(four, 0, six, 12, 4);
    try {
      return java.net.Inet6Address.getByAddress(null, six, -1);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Nested
  class Classifier {

    @ParameterizedTest
    @CsvSource({
      "169.254.169.254, METADATA",
      "fd00:ec2::254, METADATA",
      "127.0.0.1, LOOPBACK",
      "127.255.255.255, LOOPBACK",
      "::1, LOOPBACK",
      "0.0.0.0, UNSPECIFIED",
      "0.255.255.255, UNSPECIFIED",
      "::, UNSPECIFIED",
      "10.0.0.0, PRIVATE",
      "10.255.255.255, PRIVATE",
      "172.16.0.0, PRIVATE",
      "172.31.255.255, PRIVATE",
      "192.168.0.0, PRIVATE",
      "192.168.255.255, PRIVATE",
      "100.64.0.0, SHARED",
      "100.127.255.255, SHARED",
      "169.254.0.1, LINK_LOCAL",
      "169.254.255.255, LINK_LOCAL",
      "fe80::1, LINK_LOCAL",
      "febf:ffff::1, LINK_LOCAL",
      "fc00::1, UNIQUE_LOCAL",
      "fdff:ffff::1, UNIQUE_LOCAL",
      "64:ff9b::808:808, NAT64",
      "198.18.0.0, BENCHMARKING",
      "198.19.255.255, BENCHMARKING",
      "192.0.0.0, PROTOCOL_ASSIGNMENT",
      "192.0.0.255, PROTOCOL_ASSIGNMENT",
      "240.0.0.1, RESERVED",
      "255.255.255.255, RESERVED",
      "224.0.0.1, MULTICAST",
      "239.255.255.255, MULTICAST",
      "ff02::1, MULTICAST",
      "2002:7f00:1::, LOOPBACK",
      "2002:a00:1::, PRIVATE"
    })
    void shouldRefuseEveryInternalRange(String address, AddressClassifier.Kind kind) {
      assertThat(AddressClassifier.refusal(ip(address))).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "169.254.169.254",
          "127.0.0.1",
          "10.1.2.3",
          "172.16.0.1",
          "192.168.1.1",
          "100.64.0.1",
          "169.254.1.1",
          "198.18.0.1",
          "192.0.0.8",
          "240.0.0.1",
          "0.0.0.1",
          "224.0.0.1"
        })
    void shouldJudgeIpv4MappedFormsByTheirIpv4Address(String v4) {
      assertThat(AddressClassifier.refusal(mapped(v4)))
          .isNotNull()
          .isEqualTo(AddressClassifier.refusal(ip(v4)));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "1.1.1.1",
          "9.255.255.255",
          "11.0.0.0",
          "100.63.255.255",
          "100.128.0.0",
          "126.255.255.255",
          "128.0.0.0",
          "169.253.255.255",
          "169.255.0.0",
          "172.15.255.255",
          "172.32.0.0",
          "192.167.255.255",
          "192.169.0.0",
          "192.0.1.0",
          "191.255.255.255",
          "198.17.255.255",
          "198.20.0.0",
          "223.255.255.255",
          "2001:4860:4860::8888",
          "fbff:ffff::1",
          "fe7f:ffff::1",
          "64:ff9b:0:0:0:1::",
          "2606:4700::1111"
        })
    void shouldAllowAddressesJustOutsideEachRange(String address) {
      assertThat(AddressClassifier.refusal(ip(address))).isNull();
      assertThat(AddressClassifier.refusal(mapped("8.8.8.8"))).isNull();
    }
  }

  @Nested
  class Urls {

    private final OutboundGuard deployment =
        new OutboundGuard(
            OutboundProperties.defaults(),
            host ->
                switch (host) {
                  case "internal.example" -> List.of(ip("10.0.0.5"));
                  case "mixed.example" -> List.of(ip("93.184.215.14"), ip("127.0.0.1"));
                  case "public.example" -> List.of(ip("93.184.215.14"));
                  default -> throw new UnknownHostException(host);
                });

    private String reason(String url) {
      try {
        deployment.check(url);
        return "accepted";
      } catch (OutboundRefusedException e) {
        return e.reason() + ": " + e.detail();
      }
    }

    @Test
    void shouldRefuseWhatADeploymentMustNotCall() {
      assertThat(reason("https://127.0.0.1/"))
          .isEqualTo("loopback_address: url resolves to a loopback address");
      assertThat(reason("https://[::ffff:127.0.0.1]/")).startsWith("loopback_address");
      assertThat(reason("https://internal.example/"))
          .isEqualTo("private_address: url resolves to a private address");
      assertThat(reason("https://mixed.example/")).startsWith("loopback_address");
      assertThat(reason("https://metadata.google.internal/")).startsWith("metadata_address");
      assertThat(reason("https://METADATA.google.internal./")).startsWith("metadata_address");
      assertThat(reason("https://[fd00:ec2::254]/")).startsWith("metadata_address");
      assertThat(reason("http://public.example/")).isEqualTo("https_required: url must use https");
      assertThat(reason("ftp://public.example/")).startsWith("unsupported_scheme");
      assertThat(reason("https://user:pw@public.example/")).startsWith("credentials_in_url");
      assertThat(reason("https://nowhere.example/")).startsWith("unresolvable_host");
      assertThat(reason("https://public.example/mcp")).isEqualTo("accepted");
    }

    @Test
    void shouldNeverReadmitMetadataEvenWhenItsRangeIsAllowListed() {
      OutboundGuard lenient =
          new OutboundGuard(
              new OutboundProperties(
                  true,
                  true,
                  List.of("169.254.0.0/16", "10.0.0.0/8"),
                  DataSize.ofKilobytes(64),
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(1)),
              OutboundResolver.system());
      assertThat(lenient.check("http://10.1.1.1/").addresses()).containsExactly(ip("10.1.1.1"));
      assertThat(lenient.check("http://127.0.0.1/").addresses()).containsExactly(ip("127.0.0.1"));
      assertThatThrownBy(() -> lenient.check("http://169.254.169.254/latest/meta-data"))
          .isInstanceOf(OutboundRefusedException.class)
          .hasMessage("url resolves to a cloud metadata address");
    }
  }

  @Nested
  class Http {

    static WireMockServer wiremock;

    @BeforeAll
    static void start() {
      wiremock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
      wiremock.start();
    }

    @AfterAll
    static void stop() {
      wiremock.stop();
    }

    private OutboundHttp http(OutboundResolver resolver, boolean allowLoopback) {
      return new OutboundHttp(
          new OutboundGuard(
              new OutboundProperties(
                  true,
                  allowLoopback,
                  List.of(),
                  DataSize.ofKilobytes(64),
                  Duration.ofMillis(500),
                  Duration.ofSeconds(2)),
              resolver));
    }

    private String url(String host, String path) {
      return "http://" + host + ":" + wiremock.port() + path;
    }

    @Test
    void shouldConnectOnlyToTheCheckedAddressWhenDnsRebinds() {
      wiremock.stubFor(get("/rebind").willReturn(aResponse().withStatus(200).withBody("secret")));
      AtomicInteger lookups = new AtomicInteger();
      // First answer public (TEST-NET-3, unroutable), every later answer loopback.
      OutboundResolver rebinding =
          host -> List.of(lookups.getAndIncrement() == 0 ? ip("203.0.113.7") : ip("127.0.0.1"));
      RestClient client = http(rebinding, false).restClient().build();

      assertThatThrownBy(
              () ->
                  client.get().uri(url("rebind.example", "/rebind")).retrieve().body(String.class))
          .isInstanceOf(RestClientException.class);
      assertThat(lookups).hasValue(1);
      wiremock.verify(0, getRequestedFor(urlEqualTo("/rebind")));
    }

    @Test
    void shouldUseTheCheckedAddressWhileKeepingTheHostName() {
      wiremock.stubFor(get("/named").willReturn(aResponse().withStatus(200).withBody("ok")));
      RestClient client = http(host -> List.of(ip("127.0.0.1")), true).restClient().build();

      String body = client.get().uri(url("api.example", "/named")).retrieve().body(String.class);

      assertThat(body).isEqualTo("ok");
      assertThat(
              wiremock.findAll(getRequestedFor(urlEqualTo("/named"))).getLast().getHeader("Host"))
          .startsWith("api.example");
    }

    @Test
    void shouldRefuseLoopbackByDefault() {
      RestClient client = http(OutboundResolver.system(), false).restClient().build();
      assertThatThrownBy(
              () -> client.get().uri(url("127.0.0.1", "/x")).retrieve().toBodilessEntity())
          .isInstanceOf(OutboundRefusedException.class)
          .hasMessage("url resolves to a loopback address");
    }

    @Test
    void shouldNotFollowRedirects() {
      wiremock.stubFor(
          get("/from").willReturn(aResponse().withStatus(302).withHeader("Location", "/to")));
      wiremock.stubFor(get("/to").willReturn(aResponse().withStatus(200)));
      RestClient client = http(OutboundResolver.system(), true).restClient().build();

      ResponseEntity<Void> response =
          client.get().uri(url("127.0.0.1", "/from")).retrieve().toBodilessEntity();

      assertThat(response.getStatusCode().value()).isEqualTo(302);
      wiremock.verify(0, getRequestedFor(urlEqualTo("/to")));
    }

    @Test
    void shouldFailCleanlyWhenTheBodyExceedsTheCap() {
      wiremock.stubFor(
          get("/big").willReturn(aResponse().withStatus(200).withBody("x".repeat(65 * 1024))));
      wiremock.stubFor(
          get("/fits").willReturn(aResponse().withStatus(200).withBody("y".repeat(64 * 1024))));
      RestClient client = http(OutboundResolver.system(), true).restClient().build();

      assertThatThrownBy(
              () -> client.get().uri(url("127.0.0.1", "/big")).retrieve().body(String.class))
          .isInstanceOf(RestClientException.class)
          .hasRootCauseInstanceOf(BodyTooLargeException.class);
      assertThat(client.get().uri(url("127.0.0.1", "/fits")).retrieve().body(String.class))
          .hasSize(64 * 1024);
    }

    @Test
    void shouldDropTheConnectionOfAnOversizedBodyRatherThanReadItToTheEnd() {
      // 4 MB (random, so gzip cannot shrink it) dribbled over 20 s: reading it to the end to
      // reuse the connection would take 20 s.
      byte[] noise = new byte[4 * 1024 * 1024];
      new java.util.Random(7).nextBytes(noise);
      wiremock.stubFor(
          get("/dribble")
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withBody(noise)
                      .withChunkedDribbleDelay(400, 20_000)));
      RestClient client = http(OutboundResolver.system(), true).restClient().build();
      long started = System.nanoTime();

      assertThatThrownBy(
              () -> client.get().uri(url("127.0.0.1", "/dribble")).retrieve().body(String.class))
          .hasRootCauseInstanceOf(BodyTooLargeException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void shouldKeepAPinnedClientOnTheCheckedAddressForEveryRequest() throws Exception {
      wiremock.stubFor(get("/pinned").willReturn(aResponse().withStatus(200).withBody("ok")));
      AtomicInteger lookups = new AtomicInteger();
      OutboundResolver rebinding =
          host -> List.of(lookups.getAndIncrement() == 0 ? ip("127.0.0.1") : ip("203.0.113.7"));
      OutboundHttp http = http(rebinding, true);
      CheckedTarget target = http.guard().check(url("api.example", "/pinned"));

      try (OutboundHttp.PinnedClient pinned = http.pinned(target, DataSize.ofKilobytes(1), null)) {
        RestClient client = RestClient.builder().requestFactory(pinned).build();
        for (int i = 0; i < 3; i++) {
          assertThat(client.get().uri(target.uri()).retrieve().body(String.class)).isEqualTo("ok");
        }
        assertThatThrownBy(
                () ->
                    client.get().uri(url("other.example", "/pinned")).retrieve().toBodilessEntity())
            .hasRootCauseInstanceOf(UnknownHostException.class);
      }
      assertThat(lookups).hasValue(1);
      wiremock.verify(3, getRequestedFor(urlEqualTo("/pinned")));
    }

    @Test
    void shouldCapBodiesWithoutAContentLengthToo() throws Exception {
      byte[] big = new byte[1000];
      try (CappedInputStream in =
          new CappedInputStream(new java.io.ByteArrayInputStream(big), 999)) {
        assertThatThrownBy(in::readAllBytes).isInstanceOf(BodyTooLargeException.class);
      }
      try (CappedInputStream in =
          new CappedInputStream(new java.io.ByteArrayInputStream(big), 1000)) {
        assertThat(in.readAllBytes()).hasSize(1000);
      }
    }
  }
}
