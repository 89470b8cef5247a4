package io.mcpmanager.mcp.testdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates made with the JDK's keytool (no extra library): a PKCS12 store and its
 * PEM.
 */
public final class TestCertificates {

  public static final String PASSWORD = "changeit";

  /** A generated certificate: the key store (for a TLS server) and the certificate as PEM. */
  public record Generated(Path keyStore, String pem) {}

  private TestCertificates() {}

  /**
   * @param san subject alternative names, e.g. {@code dns:localhost,ip:127.0.0.1}
   * @param startDate keytool start date such as {@code -30d}, or null for now
   * @param validityDays days of validity
   * @param ca whether it is a CA certificate (basic constraints ca:true)
   */
  public static Generated selfSigned(String san, String startDate, int validityDays, boolean ca) {
    try {
      Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "certs");
      Path store = dir.resolve("server.p12");
      List<String> generate =
          new ArrayList<>(
              List.of(
                  keytool(),
                  "-genkeypair",
                  "-keystore",
                  store.toString(),
                  "-storetype",
                  "PKCS12",
                  "-storepass",
                  PASSWORD,
                  "-alias",
                  "server",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  "CN=test-mcp",
                  "-validity",
                  Integer.toString(validityDays),
                  "-ext",
                  "SAN=" + san));
      if (startDate != null) {
        generate.addAll(List.of("-startdate", startDate));
      }
      if (ca) {
        generate.addAll(List.of("-ext", "BC:c=ca:true"));
      }
      run(generate);
      String pem =
          run(
              List.of(
                  keytool(),
                  "-exportcert",
                  "-rfc",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  PASSWORD,
                  "-alias",
                  "server"));
      return new Generated(store, pem);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String keytool() {
    return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
  }

  private static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
