package io.mcpmanager.integration.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.testdata.Tokens;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests Tomcat itself refuses before any servlet runs (an encoded NUL or slash, a malformed
 * request line) answer problem+json like every other error, never Tomcat's HTML page (#19).
 */
class MalformedRequestTests extends IntegrationServiceTestBase {

  @LocalServerPort int port;

  @ParameterizedTest
  @ValueSource(strings = {"/api/integrations/%00", "/api/integrations/a%2Fb", "/api/%2e%2e/x"})
  void shouldAnswerAPathTomcatRefusesWithProblemJson(String path) throws Exception {
    String response = raw("GET " + path + " HTTP/1.1");

    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(header(response, "content-type")).startsWith("application/problem+json");
    assertThat(header(response, "x-content-type-options")).isEqualTo("nosniff");
    assertThat(body(response))
        // Tomcat's refusals come through the error page, the firewall's through its handler: the
        // same problem type either way.
        .contains(
            "\"status\":400", "\"type\":\"https://mcp-manager.io/problems/malformed-request\"")
        .doesNotContain("<html", "Apache Tomcat");
  }

  @Test
  void shouldAnswerAMalformedRequestLineWithProblemJson() throws Exception {
    String response = raw("GET /api/integrations?x=\u0001 HTTP/1.1");

    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(header(response, "content-type")).startsWith("application/problem+json");
    assertThat(body(response)).doesNotContain("<html");
  }

  private String raw(String requestLine) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine
                  + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + ISSUER.userToken(Tokens.user())
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String header(String response, String name) {
    for (String line : response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }
}
