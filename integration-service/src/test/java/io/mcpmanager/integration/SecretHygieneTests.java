package io.mcpmanager.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.mcpmanager.integration.testdata.ProviderStubs;
import io.mcpmanager.integration.testdata.TestCallerAssertions;
import io.mcpmanager.integration.testdata.Tokens;
import io.mcpmanager.kit.assertion.CallerAssertionVerifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A canary credential goes through every path (create, failed create, test, rotate, validate,
 * broker, bad input) and must never show up in logs, events, error bodies, responses, metrics or
 * plaintext columns.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneTests extends IntegrationServiceTestBase {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @LocalManagementPort int managementPort;

  private String send(MockHttpServletRequestBuilder request, String bearer, String body)
      throws Exception {
    request.header("Authorization", "Bearer " + bearer);
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    return mvc.perform(request).andReturn().getResponse().getContentAsString();
  }

  @Test
  void shouldNeverRevealTheCanaryOutsideTheBrokerAnswer(CapturedOutput output) throws Exception {
    String owner = Tokens.user();
    String user = ISSUER.userToken(owner);
    String canary = "canary_" + Tokens.notion();
    String rejected = "canary_rejected_" + Tokens.notion();
    String rotated = "canary_rotated_" + Tokens.notion();
    ProviderStubs.notionAccepts(PROVIDERS, canary);
    ProviderStubs.notionRejects(PROVIDERS, rejected);
    ProviderStubs.notionAccepts(PROVIDERS, rotated);
    List<String> bodies = new ArrayList<>();

    bodies.add(send(post("/api/integrations/validate"), user, body("notion", rejected)));
    bodies.add(send(post("/api/integrations"), user, body("notion", rejected)));
    bodies.add(send(post("/api/integrations"), user, body(canary, canary)));
    bodies.add(
        send(
            post("/api/integrations"),
            user,
            "{\"type\":\"notion\",\"access_token\":\"" + canary + "\""));
    bodies.add(
        send(
            post("/api/integrations"),
            user,
            "{\"type\":\"notion\",\"access_token\":[\"" + canary + "\"]}"));
    bodies.add(send(post("/api/integrations"), user, "{\"type\":\"notion\",\"" + canary + "\":1}"));
    String created = send(post("/api/integrations"), user, body("notion", canary));
    bodies.add(created);
    String id = json.readTree(created).get("id").asString();
    bodies.add(
        send(put("/api/integrations/" + id), user, "{\"access_token\":\"" + rotated + "\"}"));
    bodies.add(send(post("/api/integrations/" + id + "/rollback"), user, null));
    bodies.add(send(post("/api/integrations/" + id + "/validate"), user, null));
    bodies.add(send(get("/api/integrations"), user, null));
    bodies.add(send(get("/api/integrations/" + id), user, null));
    String brokered =
        send(
            get("/internal/integrations/{o}/notion/credential".replace("{o}", owner))
                .header(
                    CallerAssertionVerifier.HEADER,
                    TestCallerAssertions.forIntegration(owner, "notion")),
            ISSUER.serviceToken("mcp-server-service", "integrations.broker"),
            null);

    assertThat(brokered).contains(canary); // the one place it belongs
    assertThat(String.join("\n", bodies))
        .doesNotContain(canary)
        .doesNotContain(rejected)
        .doesNotContain(rotated);
    assertThat(output.getAll())
        .doesNotContain(canary)
        .doesNotContain(rejected)
        .doesNotContain(rotated);
    assertThat(String.join("\n", outboxPayloads()))
        .doesNotContain(canary)
        .doesNotContain(rejected)
        .doesNotContain(rotated);
    String metrics =
        RestClient.create("http://127.0.0.1:" + managementPort)
            .get()
            .uri("/actuator/prometheus")
            .retrieve()
            .body(String.class);
    assertThat(metrics)
        .contains("mcpm_credential_operations_total")
        .doesNotContain(canary)
        .doesNotContain(rejected);
    String rows =
        String.join(
            "\n",
            jdbc.sql("SELECT row_to_json(a)::text FROM integration_account a")
                .query(String.class)
                .list());
    assertThat(rows)
        .contains("vault:v")
        .doesNotContain(canary)
        .doesNotContain(rotated)
        .doesNotContain(rejected);
    assertThat(
            String.join(
                "\n",
                jdbc.sql("SELECT subject FROM validation_failure").query(String.class).list()))
        .doesNotContain(rejected);
  }

  private static String body(String type, String token) {
    return "{\"type\":\"" + type + "\",\"access_token\":\"" + token + "\"}";
  }
}
