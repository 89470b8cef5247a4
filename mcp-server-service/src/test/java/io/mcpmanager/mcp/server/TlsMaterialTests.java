package io.mcpmanager.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.mcp.testdata.TestCertificates;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** Host name matching of pinned certificates (RFC 6125 wildcards). */
class TlsMaterialTests {

  @Test
  void shouldMatchAWildcardForExactlyOneLabel() {
    assertThat(TlsMaterial.dnsMatches("*.example.com", "mcp.example.com")).isTrue();
    assertThat(TlsMaterial.dnsMatches("*.example.com", "a.b.example.com")).isFalse();
    assertThat(TlsMaterial.dnsMatches("*.example.com", "example.com")).isFalse();
    assertThat(TlsMaterial.dnsMatches("*.com", "example.com")).isFalse();
    assertThat(TlsMaterial.dnsMatches("mcp.example.com", "mcp.example.com")).isTrue();
  }

  @Test
  void shouldMatchHostsAgainstTheCertificatesAlternativeNames() throws Exception {
    String pem =
        TestCertificates.selfSigned("dns:*.example.com,ip:10.9.8.7", null, 10, false).pem();
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));

    assertThat(TlsMaterial.matchesHost(certificate, "MCP.example.com")).isTrue();
    assertThat(TlsMaterial.matchesHost(certificate, "10.9.8.7")).isTrue();
    assertThat(TlsMaterial.matchesHost(certificate, "evil.example.org")).isFalse();
  }
}
