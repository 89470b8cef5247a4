package io.mcpmanager.integration.account;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.testdata.ProviderStubs;
import io.mcpmanager.integration.testdata.Tokens;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Creating, rotating and deleting a credential need a recent second factor (RFC 9470). */
class StepUpTests extends IntegrationServiceTestBase {

  private static final String STALE =
      "Bearer error=\"insufficient_user_authentication\", error_description=\"This operation"
          + " needs a second factor used within the last 10 minutes; sign in again\", max_age=\"600\"";

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;

  private static String mfaToken(String user, long secondsAgo, Map<String, Object> more) {
    Map<String, Object> claims = new HashMap<>(more);
    claims.put("mfa_enrolled", true);
    claims.put("amr", List.of("pwd", "otp", "mfa"));
    claims.put("acr", "urn:mcpm:acr:mfa");
    claims.put("auth_time", Instant.now().minusSeconds(secondsAgo).getEpochSecond());
    return ISSUER.userToken(user, claims);
  }

  @Test
  void shouldDeleteWithAFreshSecondFactorOnlyAndNeverWithAPersonalAccessToken() throws Exception {
    String user = Tokens.user();
    String token = Tokens.notion();
    ProviderStubs.notionAccepts(PROVIDERS, token);
    String body =
        mvc.perform(
                post("/api/integrations")
                    .header("Authorization", "Bearer " + mfaToken(user, 30, Map.of()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        """
                        {"type":"notion","access_token":"%s","meta":{}}"""
                            .formatted(token)))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String id = json.readTree(body).get("id").asString();

    mvc.perform(
            delete("/api/integrations/" + id)
                .header("Authorization", "Bearer " + mfaToken(user, 700, Map.of())))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", STALE))
        .andExpect(
            jsonPath("$.type")
                .value("https://mcp-manager.io/problems/insufficient-user-authentication"))
        .andExpect(jsonPath("$.max_age").value(600));
    mvc.perform(
            delete("/api/integrations/" + id)
                .header(
                    "Authorization",
                    "Bearer " + mfaToken(user, 5, Map.of("pat_id", "8f7d2c4e-pat"))))
        .andExpect(status().isUnauthorized());
    // Reading is not sensitive: the stale token still reads.
    mvc.perform(
            get("/api/integrations/" + id)
                .header("Authorization", "Bearer " + mfaToken(user, 700, Map.of())))
        .andExpect(status().isOk());

    mvc.perform(
            delete("/api/integrations/" + id)
                .header("Authorization", "Bearer " + mfaToken(user, 5, Map.of())))
        .andExpect(status().isNoContent());
  }
}
