package io.mcpmanager.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Host names are judged by the addresses they resolve to (DNS answers stood in by a map). */
class SsrfGuardTests {

  private static final Map<String, String> DNS =
      Map.of(
          "internal.example", "10.1.2.3",
          "metadata.example", "169.254.169.254",
          "v6-internal.example", "fd12::5",
          "public.example", "93.184.215.14");

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String address = DNS.get(host);
    if (address != null) {
      return new InetAddress[] {InetAddress.getByName(address)};
    }
    if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
      return new InetAddress[] {InetAddress.getByName(host)};
    }
    throw new UnknownHostException(host);
  }

  private final SsrfGuard guard = new SsrfGuard(List.of(), SsrfGuardTests::resolve);

  private String reasonFor(String url) {
    try {
      guard.check(url);
      return "accepted";
    } catch (InvalidServerException e) {
      return String.valueOf(e.properties().get("reason"));
    }
  }

  @Test
  void shouldRefuseHostNamesThatResolveToInternalAddresses() {
    assertThat(reasonFor("https://internal.example/mcp")).isEqualTo("private_address");
    assertThat(reasonFor("https://metadata.example/")).isEqualTo("metadata_address");
    assertThat(reasonFor("https://v6-internal.example/mcp")).isEqualTo("private_address");
  }

  @Test
  void shouldRefuseEveryRangeOfThePlatformClassifier() {
    assertThat(reasonFor("https://100.64.0.1/mcp")).isEqualTo("private_address");
    assertThat(reasonFor("https://198.18.0.1/mcp")).isEqualTo("reserved_address");
    assertThat(reasonFor("https://192.0.0.8/mcp")).isEqualTo("reserved_address");
    assertThat(reasonFor("https://240.0.0.1/mcp")).isEqualTo("reserved_address");
    assertThat(reasonFor("https://[64:ff9b::a00:1]/mcp")).isEqualTo("reserved_address");
    assertThat(reasonFor("https://[2002:a9fe:a9fe::]/mcp")).isEqualTo("metadata_address");
    assertThat(reasonFor("https://metadata.google.internal/")).isEqualTo("metadata_address");
    assertThat(reasonFor("http://169.254.169.254/")).isEqualTo("metadata_address");
    assertThat(reasonFor("https://198.20.0.1/mcp")).isEqualTo("accepted");
  }

  @Test
  void shouldNeverReadmitMetadataThroughTheAllowList() {
    SsrfGuard lenient = new SsrfGuard(List.of("169.254.0.0/16"), SsrfGuardTests::resolve);
    lenient.check("http://169.254.10.10/mcp");
    assertThatThrownBy(() -> lenient.check("http://169.254.169.254/"))
        .isInstanceOf(InvalidServerException.class)
        .hasMessageContaining("cloud metadata address");
  }

  @Test
  void shouldAcceptPublicHosts() {
    assertThat(reasonFor("https://public.example/mcp")).isEqualTo("accepted");
  }

  @Test
  void shouldRefuseLoopbackUnlessAllowListed() {
    assertThat(reasonFor("http://127.0.0.1:8080/mcp")).isEqualTo("loopback_address");
    assertThat(reasonFor("http://[::1]:8080/mcp")).isEqualTo("loopback_address");
    assertThat(reasonFor("http://[::ffff:127.0.0.1]/mcp")).isEqualTo("loopback_address");
    SsrfGuard allowing = new SsrfGuard(List.of("127.0.0.0/8", " ::1/128"), SsrfGuardTests::resolve);
    assertThat(allowing.check("http://127.0.0.1:8080/mcp").getPort()).isEqualTo(8080);
    assertThat(allowing.check("http://[::1]:8080/mcp").getHost()).isEqualTo("[::1]");
  }

  @Test
  void shouldRefuseUnresolvableHostsCredentialsInUrlsAndOtherSchemes() {
    assertThat(reasonFor("https://nowhere.invalid/mcp")).isEqualTo("unresolvable_host");
    assertThat(reasonFor("https://user:pw@public.example/mcp")).isEqualTo("credentials_in_url");
    assertThat(reasonFor("file:///etc/passwd")).isEqualTo("unsupported_scheme");
    assertThatThrownBy(() -> guard.check("not a url")).isInstanceOf(InvalidServerException.class);
  }
}
