package io.mcpmanager.integration.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.testdata.ProviderStubs;
import io.mcpmanager.integration.testdata.Tokens;
import io.mcpmanager.testsupport.MachineAddresses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The address an audit event names as the actor's: {@code X-Forwarded-For} counts only from a
 * trusted proxy ({@code mcpm.security.trusted-proxies}, loopback here, the gateway's address in a
 * deployment); from anyone else the connection's own address is recorded (#14 item 11).
 */
class ForwardedAddressTests extends IntegrationServiceTestBase {

  private static final String SPOOFED = "203.0.113.77";

  @LocalServerPort int port;

  @Test
  void shouldRecordTheForwardedClientWhenTheGatewayOnLoopbackForwards() throws Exception {
    String user = Tokens.user();

    int status = createNotionVia("127.0.0.1", user);

    assertThat(status).isEqualTo(201);
    assertThat(actorIpOf(user)).isEqualTo(SPOOFED);
  }

  @Test
  void shouldRecordThePeerAddressWhenAnUntrustedCallerSendsXForwardedFor() throws Exception {
    String user = Tokens.user();
    String peer = MachineAddresses.nonLoopbackIpv4();

    int status = createNotionVia(peer, user);

    assertThat(status).isEqualTo(201);
    assertThat(actorIpOf(user)).isEqualTo(peer);
  }

  private int createNotionVia(String host, String user) throws Exception {
    String token = Tokens.notion();
    ProviderStubs.notionAccepts(PROVIDERS, token);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/api/integrations"))
            .header("Authorization", "Bearer " + ISSUER.userToken(user))
            .header("Content-Type", "application/json")
            .header("X-Forwarded-For", SPOOFED)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    """
                    {"type":"notion","access_token":"%s","meta":{}}"""
                        .formatted(token)))
            .build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
  }

  private String actorIpOf(String user) {
    return jdbc.sql(
            """
            SELECT DISTINCT payload->'data'->'actor'->>'ip' FROM outbox_event
            WHERE payload->'data'->>'owner_id' = :o""")
        .param("o", user)
        .query(String.class)
        .single();
  }
}
