package io.mcpmanager.gateway.request;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.gateway.testsupport.GatewayIntegrationTest;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import reactor.core.publisher.Flux;

/** The limit is the production default of 1 MB. */
class RequestBodyLimitTests extends GatewayIntegrationTest {

  private static final int LIMIT = 1024 * 1024;

  @Test
  void shouldRelayABodyAtTheLimit() {
    String path = stubbedPath();

    send(path, body(LIMIT)).expectStatus().isOk();

    backend.verify(postRequestedFor(urlEqualTo(path)));
  }

  @Test
  void shouldRejectADeclaredBodyAboveTheLimitWithoutCallingTheService() {
    String path = stubbedPath();

    expectPayloadTooLarge(send(path, body(LIMIT + 1)));

    assertThat(backend.findAll(postRequestedFor(urlEqualTo(path)))).isEmpty();
  }

  @Test
  void shouldRejectAChunkedBodyThatGrowsAboveTheLimit() {
    String path = stubbedPath();
    DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
    Flux<DataBuffer> chunks = Flux.range(0, 20).map(i -> buffers.wrap(body(64 * 1024)));

    ResponseSpec response =
        gateway
            .post()
            .uri(path)
            .headers(h -> h.setBearerAuth(issuer.tokenForNewUser()))
            .contentType(MediaType.APPLICATION_JSON)
            .body(chunks, DataBuffer.class)
            .exchange();

    expectPayloadTooLarge(response);
  }

  private String stubbedPath() {
    String path = "/api/integrations/" + UUID.randomUUID();
    backend.stubFor(post(path).willReturn(okJson("{}")));
    return path;
  }

  private ResponseSpec send(String path, byte[] body) {
    return gateway
        .post()
        .uri(path)
        .headers(h -> h.setBearerAuth(issuer.tokenForNewUser()))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private static void expectPayloadTooLarge(ResponseSpec response) {
    response
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://mcp-manager.io/problems/payload-too-large")
        .jsonPath("$.detail")
        .isEqualTo("The request body exceeds the limit of 1048576 bytes.");
  }

  private static byte[] body(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) 'a');
    return body;
  }
}
