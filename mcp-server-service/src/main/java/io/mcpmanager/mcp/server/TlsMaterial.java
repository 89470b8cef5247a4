package io.mcpmanager.mcp.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Pinned TLS material of an MCP server: a PEM certificate (the server's own, matched against the
 * URL's host with wildcard support) or a CA certificate. It becomes the only trust anchor when the
 * manager calls the server. Certificates are public; nothing here is secret.
 */
public final class TlsMaterial {

  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  private final String pem;
  private final List<X509Certificate> certificates;

  private TlsMaterial(String pem, List<X509Certificate> certificates) {
    this.pem = pem;
    this.certificates = certificates;
  }

  /** Parses and checks PEM material for a server at {@code url}. */
  public static TlsMaterial parse(String pem, URI url, Instant now) {
    if (!"https".equalsIgnoreCase(url.getScheme())) {
      throw InvalidServerException.tls("https_required", "Pinned TLS material needs an https URL");
    }
    List<X509Certificate> certificates = read(pem);
    X509Certificate first = certificates.getFirst();
    for (X509Certificate certificate : certificates) {
      if (certificate.getNotAfter().toInstant().isBefore(now)) {
        throw InvalidServerException.tls(
            "certificate_expired",
            "The certificate expired at " + certificate.getNotAfter().toInstant());
      }
      if (certificate.getNotBefore().toInstant().isAfter(now)) {
        throw InvalidServerException.tls(
            "certificate_not_yet_valid",
            "The certificate is valid only from " + certificate.getNotBefore().toInstant());
      }
    }
    boolean isCa = first.getBasicConstraints() >= 0;
    if (!isCa && !matchesHost(first, url.getHost())) {
      throw InvalidServerException.tls(
          "hostname_mismatch", "The certificate does not name the URL's host " + url.getHost());
    }
    return new TlsMaterial(pem.strip(), certificates);
  }

  /** Material stored earlier (already checked when it was registered). */
  public static TlsMaterial stored(String pem) {
    return new TlsMaterial(pem, read(pem));
  }

  public String pem() {
    return pem;
  }

  /** The earliest expiry among the pinned certificates. */
  public Instant expiresAt() {
    return certificates.stream()
        .map(c -> c.getNotAfter().toInstant())
        .min(Instant::compareTo)
        .orElseThrow();
  }

  /** An SSL context that trusts exactly the pinned certificates. */
  public SSLContext sslContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        trust.setCertificateEntry("pinned-" + i, certificates.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store from pinned certificates", e);
    }
  }

  static boolean matchesHost(X509Certificate certificate, String host) {
    String wanted = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    wanted = wanted.toLowerCase(Locale.ROOT);
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return false;
    }
    if (names == null) {
      return false;
    }
    for (List<?> name : names) {
      int kind = (Integer) name.get(0);
      String value = String.valueOf(name.get(1)).toLowerCase(Locale.ROOT);
      if ((kind == DNS_NAME && dnsMatches(value, wanted))
          || (kind == IP_ADDRESS && value.equals(wanted))) {
        return true;
      }
    }
    return false;
  }

  /** RFC 6125: a wildcard stands for exactly one left-most label. */
  static boolean dnsMatches(String pattern, String host) {
    if (!pattern.startsWith("*.")) {
      return pattern.equals(host);
    }
    int dot = host.indexOf('.');
    return dot > 0
        && host.substring(dot).equals(pattern.substring(1))
        && pattern.indexOf('.', 2) > 0;
  }

  private static List<X509Certificate> read(String pem) {
    if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
      throw InvalidServerException.tls(
          "not_a_certificate", "Expected a PEM certificate (BEGIN CERTIFICATE)");
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certificates = new ArrayList<>();
      for (var certificate :
          factory.generateCertificates(
              new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        certificates.add((X509Certificate) certificate);
      }
      if (certificates.isEmpty()) {
        throw InvalidServerException.tls(
            "not_a_certificate", "No certificate found in the PEM text");
      }
      return certificates;
    } catch (CertificateException e) {
      throw InvalidServerException.tls(
          "unparsable_certificate", "The PEM certificate cannot be parsed");
    }
  }
}
