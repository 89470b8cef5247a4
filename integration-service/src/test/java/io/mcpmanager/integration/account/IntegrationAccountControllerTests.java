package io.mcpmanager.integration.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.testdata.ProviderStubs;
import io.mcpmanager.integration.testdata.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/** The user-facing integration API: create, read, update/rotate, rollback, validate, delete. */
class IntegrationAccountControllerTests extends IntegrationServiceTestBase {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @LocalServerPort int port;

  private ResultActions call(
      org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
      String user,
      String body)
      throws Exception {
    request.header("Authorization", "Bearer " + ISSUER.userToken(user));
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    return mvc.perform(request);
  }

  private String createNotion(String user, String token) throws Exception {
    ProviderStubs.notionAccepts(PROVIDERS, token);
    String body =
        call(
                post("/api/integrations"),
                user,
                """
        {"type":"notion","access_token":"%s","meta":{}}"""
                    .formatted(token))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body).get("id").asString();
  }

  /** What the validation throttle counted this hour for {@code subject}. */
  private int throttleCount(String subject) {
    return jdbc.sql("SELECT failures FROM validation_failure WHERE subject = :s")
        .param("s", subject)
        .query(Integer.class)
        .single();
  }

  /** Stands in for what other replicas counted this hour (the table is the truth). */
  private void setThrottleCount(String subject, int count) {
    jdbc.sql("UPDATE validation_failure SET failures = :n WHERE subject = :s")
        .param("n", count)
        .param("s", subject)
        .update();
  }

  private long rowsOf(String user) {
    return jdbc.sql("SELECT count(*) FROM integration_account WHERE owner_id = :o")
        .param("o", user)
        .query(Long.class)
        .single();
  }

  @Nested
  class Create {

    @Test
    void shouldStoreAValidTokenAsCiphertextAndReturnOnlyTheHint() throws Exception {
      String user = Tokens.user();
      String token = Tokens.notion();
      ProviderStubs.notionAccepts(PROVIDERS, token);

      String body =
          call(
                  post("/api/integrations"),
                  user,
                  """
          {"type":"notion","access_token":"%s"}"""
                      .formatted(token))
              .andExpect(status().isCreated())
              .andExpect(header().string("Location", containsString("/api/integrations/")))
              .andExpect(jsonPath("$.type").value("notion"))
              .andExpect(jsonPath("$.status").value("active"))
              .andExpect(jsonPath("$.auth_method").value("api_token"))
              .andExpect(
                  jsonPath("$.credential_hint").value("…" + token.substring(token.length() - 4)))
              .andExpect(jsonPath("$.credential_version").value(1))
              .andExpect(jsonPath("$.created_at").exists())
              .andExpect(jsonPath("$.updated_at").exists())
              .andExpect(jsonPath("$.access_token").doesNotExist())
              .andReturn()
              .getResponse()
              .getContentAsString();

      assertThat(body).doesNotContain(token);
      String stored =
          jdbc.sql("SELECT credential_ciphertext FROM integration_account WHERE owner_id = :o")
              .param("o", user)
              .query(String.class)
              .single();
      assertThat(stored).startsWith("vault:v").doesNotContain(token);
      String id = json.readTree(body).get("id").asString();
      assertThat(outboxTypesFor(id))
          .containsExactly(
              "io.mcpmanager.integration.created", "io.mcpmanager.integration.validated");
    }

    @Test
    void shouldRefuseACredentialTheProviderRejectsAndStoreNothing() throws Exception {
      String user = Tokens.user();
      String token = Tokens.notion();
      ProviderStubs.notionRejects(PROVIDERS, token);

      call(
              post("/api/integrations"),
              user,
              """
          {"type":"notion","access_token":"%s"}"""
                  .formatted(token))
          .andExpect(status().isUnprocessableContent())
          .andExpect(header().string("Content-Type", containsString("application/problem+json")))
          .andExpect(
              jsonPath("$.type").value("https://mcp-manager.io/problems/credential-rejected"))
          .andExpect(jsonPath("$.status_reason").value("invalid_credentials"));

      assertThat(rowsOf(user)).isZero();
    }

    @Test
    void shouldStoreARejectedCredentialWithStatusErrorWhenAskedToSaveAnyway() throws Exception {
      String user = Tokens.user();
      String token = Tokens.notion();
      ProviderStubs.notionRejects(PROVIDERS, token);

      call(
              post("/api/integrations"),
              user,
              """
          {"type":"notion","access_token":"%s","save_anyway":true}"""
                  .formatted(token))
          .andExpect(status().isCreated())
          .andExpect(jsonPath("$.status").value("error"))
          .andExpect(jsonPath("$.status_reason").value("invalid_credentials"));
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheProviderIsDownAndStoreNothing() throws Exception {
      String user = Tokens.user();
      ProviderStubs.notionDown(PROVIDERS);

      call(
              post("/api/integrations"),
              user,
              """
          {"type":"notion","access_token":"%s"}"""
                  .formatted(Tokens.notion()))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().exists("Retry-After"))
          .andExpect(
              jsonPath("$.type").value("https://mcp-manager.io/problems/provider-unavailable"));

      assertThat(rowsOf(user)).isZero();
    }

    @Test
    void shouldRefuseAPastedTokenForGoogleTypes() throws Exception {
      call(
              post("/api/integrations"),
              Tokens.user(),
              """
          {"type":"gmail","access_token":"ya29.a0AfH6SMBexample"}""")
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("access_token"));
    }

    @Test
    void shouldRequireTheJiraSiteAndEmail() throws Exception {
      call(
              post("/api/integrations"),
              Tokens.user(),
              """
          {"type":"jira","access_token":"ATATT3xFfGF0example","meta":{"site_url":"http://10.0.0.1"}}""")
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[*].field", hasItem("meta.site_url")))
          .andExpect(jsonPath("$.errors[*].field", hasItem("meta.email")));
    }

    @Test
    void shouldAnswer409ForASecondIntegrationOfTheSameType() throws Exception {
      String user = Tokens.user();
      createNotion(user, Tokens.notion());

      call(
              post("/api/integrations"),
              user,
              """
          {"type":"notion","access_token":"%s"}"""
                  .formatted(Tokens.notion()))
          .andExpect(status().isConflict())
          .andExpect(
              jsonPath("$.type").value("https://mcp-manager.io/problems/integration-exists"));
    }

    @Test
    void shouldLetExactlyOneOfTwentyConcurrentCreatesWin() throws Exception {
      String user = Tokens.user();
      String token = Tokens.notion();
      ProviderStubs.notionAccepts(PROVIDERS, token);
      RestClient http =
          RestClient.builder()
              .baseUrl("http://127.0.0.1:" + port)
              .defaultHeader("Authorization", "Bearer " + ISSUER.userToken(user))
              .build();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
        for (int i = 0; i < 20; i++) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return http.post()
                        .uri("/api/integrations")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body("{\"type\":\"notion\",\"access_token\":\"" + token + "\"}")
                        .exchange((req, res) -> res.getStatusCode().value());
                  }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
          statuses.add(f.get());
        }
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
      }
      assertThat(
              jdbc.sql(
                      "SELECT count(*) FROM integration_account WHERE owner_id = :o AND status = 'ACTIVE'")
                  .param("o", user)
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
      assertThat(rowsOf(user)).isEqualTo(1);
    }
  }

  @Nested
  class BadInput {

    @Test
    void shouldStripAPastedTokensSurroundingWhitespaceBeforeCheckingAndStoringIt()
        throws Exception {
      String user = Tokens.user();
      String token = Tokens.notion();
      ProviderStubs.notionAccepts(PROVIDERS, token);

      call(
              post("/api/integrations"),
              user,
              """
          {"type":"notion","access_token":" %s\\r\\n"}"""
                  .formatted(token))
          .andExpect(status().isCreated())
          .andExpect(
              jsonPath("$.credential_hint").value("…" + token.substring(token.length() - 4)));

      assertThat(rowsOf(user)).isOne();
    }

    @Test
    void shouldRefuseATokenThatCannotTravelInAHeaderBeforeAnyProviderCall() throws Exception {
      String user = Tokens.user();
      String existing = createNotion(user, Tokens.notion());
      // JSON escapes: NUL, an emoji, an inner space, DEL, a non-ASCII letter
      for (String unsafe : List.of("\\u0000", "\\uD83D\\uDE00", " x", "\\u007F", "\\u00e9")) {
        String canary = "secret_canary" + UUID.randomUUID().toString().replace("-", "");
        String token = canary + unsafe;
        for (var request :
            List.of(
                call(
                    post("/api/integrations"),
                    user,
                    """
                {"type":"openai","access_token":"%s"}"""
                        .formatted(token)),
                call(
                    post("/api/integrations/validate"),
                    user,
                    """
                {"type":"notion","access_token":"%s"}"""
                        .formatted(token)),
                call(
                    put("/api/integrations/" + existing),
                    user,
                    """
                {"access_token":"%s"}"""
                        .formatted(token)))) {
          String body =
              request
                  .andExpect(status().isBadRequest())
                  .andExpect(
                      jsonPath("$.type").value("https://mcp-manager.io/problems/validation-failed"))
                  .andExpect(jsonPath("$.errors[0].field").value("access_token"))
                  .andReturn()
                  .getResponse()
                  .getContentAsString();
          assertThat(body).doesNotContain(canary);
        }
        assertThat(
                PROVIDERS.findAll(
                    com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                            com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                        .withHeader(
                            "Authorization",
                            com.github.tomakehurst.wiremock.client.WireMock.containing(canary))))
            .isEmpty();
      }
      assertThat(rowsOf(user)).isOne();
      assertThat(outboxTypesFor(existing))
          .containsExactly(
              "io.mcpmanager.integration.created", "io.mcpmanager.integration.validated");
    }

    @Test
    void shouldRefuseANumberOrBooleanGivenAsTheToken() throws Exception {
      String user = Tokens.user();
      for (String value : List.of("0", "true", "1.5")) {
        call(
                post("/api/integrations"),
                user,
                """
            {"type":"notion","access_token":%s}"""
                    .formatted(value))
            .andExpect(status().isBadRequest())
            .andExpect(
                jsonPath("$.detail").value("Field 'access_token' has a wrong type or format"));
      }
      assertThat(rowsOf(user)).isZero();
    }

    @Test
    void shouldAnswerAnUnknownTypeWith400() throws Exception {
      call(
              post("/api/integrations"),
              Tokens.user(),
              """
          {"type":"myspace","access_token":"abc"}""")
          .andExpect(status().isBadRequest())
          .andExpect(header().string("Content-Type", containsString("application/problem+json")))
          .andExpect(jsonPath("$.errors[0].field").value("type"));
    }

    @Test
    void shouldAnswerAMissingTokenWith400() throws Exception {
      call(
              post("/api/integrations"),
              Tokens.user(),
              """
          {"type":"notion"}""")
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/validation-failed"))
          .andExpect(jsonPath("$.errors[0].field").value("access_token"));
    }

    @Test
    void shouldAnswerOversizedMetaWith400() throws Exception {
      String big = "x".repeat(3000);
      call(
              post("/api/integrations"),
              Tokens.user(),
              """
          {"type":"sentry","access_token":"sntrys_abc","meta":{"organization":"%s"}}"""
                  .formatted(big))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("meta"));
    }

    @Test
    void shouldAnswerMalformedJsonWith400() throws Exception {
      call(post("/api/integrations"), Tokens.user(), "{\"type\":\"notion\",")
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/malformed-request"));
    }

    @Test
    void shouldAnswerAnUnknownMetaFieldWith400() throws Exception {
      call(
              post("/api/integrations"),
              Tokens.user(),
              """
          {"type":"notion","access_token":"abc","meta":{"colour":"red"}}""")
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("meta.colour"));
    }

    @Test
    void shouldAnswerAnUnknownStatusFilterWith400() throws Exception {
      call(get("/api/integrations").param("status", "sleeping"), Tokens.user(), null)
          .andExpect(status().isBadRequest());
    }

    @Test
    void shouldNameTheStatusParameterWhenTheFilterIsUnknown() throws Exception {
      call(get("/api/integrations").param("status", "sleeping"), Tokens.user(), null)
          .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/validation-failed"))
          .andExpect(jsonPath("$.errors[0].field").value("status"))
          .andExpect(jsonPath("$.errors[0].message").value("unknown status"));
    }
  }

  @Nested
  class Ownership {

    @Test
    void shouldAnswer404ToAnotherUserOnEveryEndpoint() throws Exception {
      String alice = Tokens.user();
      String bob = Tokens.user();
      String id = createNotion(alice, Tokens.notion());

      call(get("/api/integrations/" + id), bob, null).andExpect(status().isNotFound());
      call(put("/api/integrations/" + id), bob, "{\"status\":\"inactive\"}")
          .andExpect(status().isNotFound());
      call(post("/api/integrations/" + id + "/validate"), bob, null)
          .andExpect(status().isNotFound());
      call(post("/api/integrations/" + id + "/rollback"), bob, null)
          .andExpect(status().isNotFound());
      call(delete("/api/integrations/" + id), bob, null).andExpect(status().isNotFound());
      call(get("/api/integrations"), bob, null).andExpect(jsonPath("$.total_elements").value(0));

      call(get("/api/integrations/" + id), alice, null)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.status").value("active"));
    }

    @Test
    void shouldLetAnAdminReadAnotherUsersIntegration() throws Exception {
      String id = createNotion(Tokens.user(), Tokens.notion());

      mvc.perform(
              get("/api/integrations/" + id)
                  .header("Authorization", "Bearer " + ISSUER.adminToken("root")))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.id").value(id));
    }

    @Test
    void shouldRecordBothTheAdminAndTheOwnerWhenAnAdminChangesSomeonesIntegration()
        throws Exception {
      String owner = Tokens.user();
      String id = createNotion(owner, Tokens.notion());

      mvc.perform(
              put("/api/integrations/" + id)
                  .header("Authorization", "Bearer " + ISSUER.adminToken("root"))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"status\":\"inactive\"}"))
          .andExpect(status().isOk());

      String event =
          jdbc.sql(
                  """
              SELECT payload::text FROM outbox_event
              WHERE payload->>'subject' = :id AND payload->>'type' = 'io.mcpmanager.integration.status-changed'""")
              .param("id", id)
              .query(String.class)
              .single();
      var data = json.readTree(event).get("data");
      assertThat(data.get("actor").get("id").asString()).isEqualTo("root");
      assertThat(data.get("owner_id").asString()).isEqualTo(owner);
    }

    @Test
    void shouldRefuseAnAdminEveryWriteButDisableAndDelete() throws Exception {
      String owner = Tokens.user();
      String token = Tokens.notion();
      String id = createNotion(owner, token);
      String admin = ISSUER.adminToken("root");
      String other = Tokens.notion();
      ProviderStubs.notionAccepts(PROVIDERS, other);
      PROVIDERS.resetRequests();

      for (String write :
          List.of(
              "{\"access_token\":\"" + other + "\"}",
              "{\"meta\":{}}",
              "{\"status\":\"active\"}",
              "{\"status\":\"inactive\",\"meta\":{}}")) {
        mvc.perform(
                put("/api/integrations/" + id)
                    .header("Authorization", "Bearer " + admin)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(write))
            .andExpect(status().isNotFound())
            .andExpect(header().string("Content-Type", "application/problem+json"));
      }
      mvc.perform(
              post("/api/integrations/" + id + "/rollback")
                  .header("Authorization", "Bearer " + admin))
          .andExpect(status().isNotFound());
      mvc.perform(
              post("/api/integrations/" + id + "/validate")
                  .header("Authorization", "Bearer " + admin))
          .andExpect(status().isNotFound());
      assertThat(PROVIDERS.getAllServeEvents()).isEmpty();
      assertThat(
              jdbc.sql("SELECT credential_version FROM integration_account WHERE id = :id")
                  .param("id", UUID.fromString(id))
                  .query(Integer.class)
                  .single())
          .isEqualTo(1);

      mvc.perform(delete("/api/integrations/" + id).header("Authorization", "Bearer " + admin))
          .andExpect(status().isNoContent());
      String event =
          jdbc.sql(
                  """
              SELECT payload::text FROM outbox_event
              WHERE payload->>'subject' = :id AND payload->>'type' = 'io.mcpmanager.integration.revoked'""")
              .param("id", id)
              .query(String.class)
              .single();
      var data = json.readTree(event).get("data");
      assertThat(data.get("actor").get("id").asString()).isEqualTo("root");
      assertThat(data.get("owner_id").asString()).isEqualTo(owner);
    }

    @Test
    void shouldRefuseServiceTokensOnTheUserApi() throws Exception {
      mvc.perform(
              get("/api/integrations")
                  .header(
                      "Authorization",
                      "Bearer " + ISSUER.serviceToken("mcp-server-service", "integrations.broker")))
          .andExpect(status().isForbidden());
    }
  }

  @Nested
  class Listing {

    @Test
    void shouldFilterByTypeAndStatusAndPage() throws Exception {
      String user = Tokens.user();
      createNotion(user, Tokens.notion());
      String openAiToken = "sk-proj-" + UUID.randomUUID();
      PROVIDERS.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.get("/v1/models")
              .willReturn(
                  com.github.tomakehurst.wiremock.client.WireMock.okJson(
                      "{\"object\":\"list\",\"data\":[]}")));
      call(
              post("/api/integrations"),
              user,
              """
          {"type":"openai","access_token":"%s"}"""
                  .formatted(openAiToken))
          .andExpect(status().isCreated());

      call(get("/api/integrations").param("type", "openai"), user, null)
          .andExpect(jsonPath("$.total_elements").value(1))
          .andExpect(jsonPath("$.items[0].type").value("openai"));
      call(get("/api/integrations").param("status", "error"), user, null)
          .andExpect(jsonPath("$.total_elements").value(0));
      call(get("/api/integrations").param("size", "1").param("page", "1"), user, null)
          .andExpect(jsonPath("$.items.length()").value(1))
          .andExpect(jsonPath("$.total_pages").value(2));
    }

    @Test
    void shouldRefuseAPageBeyondWhatTheDatabaseCanOffset() throws Exception {
      // page × size past Integer.MAX_VALUE rows was a 500 from the database layer.
      call(
              get("/api/integrations").param("size", "50").param("page", "1070917242"),
              Tokens.user(),
              null)
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    @Test
    void shouldServeTheTypeCatalogue() throws Exception {
      call(get("/api/integrations/types"), Tokens.user(), null)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.length()").value(7))
          .andExpect(jsonPath("$[?(@.value == 'jira')].meta_fields[*].name", hasItem("site_url")))
          .andExpect(jsonPath("$[?(@.value == 'gmail')].auth_methods[0]", hasItem("oauth")))
          .andExpect(jsonPath("$[0].display_name").value("Notion"));
    }
  }

  @Nested
  class RotationAndRollback {

    @Test
    void shouldAnswerEveryOneOfTenConcurrentChecksOfOneIntegration() throws Exception {
      String user = Tokens.user();
      String id = createNotion(user, Tokens.notion());
      RestClient http =
          RestClient.builder()
              .baseUrl("http://127.0.0.1:" + port)
              .defaultHeader("Authorization", "Bearer " + ISSUER.userToken(user))
              .build();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
        for (int i = 0; i < 10; i++) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return http.post()
                        .uri("/api/integrations/" + id + "/validate")
                        .exchange((req, res) -> res.getStatusCode().value());
                  }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
          statuses.add(f.get());
        }
        assertThat(statuses).as("no check may fail on another one's update").containsOnly(200);
      }
    }

    @Test
    void shouldRotateValidateFirstAndRollBackToThePreviousCredential() throws Exception {
      String user = Tokens.user();
      String first = Tokens.notion();
      String id = createNotion(user, first);
      String second = Tokens.notion();
      ProviderStubs.notionAccepts(PROVIDERS, second);

      call(
              put("/api/integrations/" + id),
              user,
              """
          {"access_token":"%s"}"""
                  .formatted(second))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.credential_version").value(2))
          .andExpect(
              jsonPath("$.credential_hint").value("…" + second.substring(second.length() - 4)))
          .andExpect(jsonPath("$.rollback_available_until").exists());

      call(post("/api/integrations/" + id + "/rollback"), user, null)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.credential_version").value(3))
          .andExpect(jsonPath("$.credential_hint").value("…" + first.substring(first.length() - 4)))
          .andExpect(jsonPath("$.rollback_available_until").doesNotExist());
      call(post("/api/integrations/" + id + "/rollback"), user, null)
          .andExpect(status().isConflict())
          .andExpect(
              jsonPath("$.type").value("https://mcp-manager.io/problems/nothing-to-roll-back"));

      assertThat(outboxTypesFor(id))
          .contains(
              "io.mcpmanager.integration.token-rotated", "io.mcpmanager.integration.rolled-back");
    }

    @Test
    void shouldKeepTheOldCredentialWhenTheNewOneIsRejected() throws Exception {
      String user = Tokens.user();
      String id = createNotion(user, Tokens.notion());
      String bad = Tokens.notion();
      ProviderStubs.notionRejects(PROVIDERS, bad);

      call(
              put("/api/integrations/" + id),
              user,
              """
          {"access_token":"%s"}"""
                  .formatted(bad))
          .andExpect(status().isUnprocessableContent());

      call(get("/api/integrations/" + id), user, null)
          .andExpect(jsonPath("$.credential_version").value(1))
          .andExpect(jsonPath("$.status").value("active"));
    }

    @Test
    void shouldRefuseToSendTheStoredJiraTokenToANewSiteWithoutTheTokenAgain() throws Exception {
      String user = Tokens.user();
      String token = "ATATT3xFfGF0" + UUID.randomUUID().toString().replace("-", "");
      PROVIDERS.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.get("/rest/api/3/myself")
              .willReturn(
                  com.github.tomakehurst.wiremock.client.WireMock.okJson(
                      "{\"accountId\":\"a1\",\"emailAddress\":\"mia@example.com\"}")));
      String id =
          json.readTree(
                  call(
                          post("/api/integrations"),
                          user,
                          """
              {"type":"jira","access_token":"%s","meta":{"site_url":"https://acme.atlassian.net","email":"mia@example.com"}}"""
                              .formatted(token))
                      .andExpect(status().isCreated())
                      .andReturn()
                      .getResponse()
                      .getContentAsString())
              .get("id")
              .asString();
      List<String> eventsBefore = outboxTypesFor(id);
      PROVIDERS.resetRequests();

      call(
              put("/api/integrations/" + id),
              user,
              """
          {"meta":{"site_url":"https://attacker.example.com","email":"mia@example.com"}}""")
          .andExpect(status().isBadRequest())
          .andExpect(header().string("Content-Type", "application/problem+json"))
          .andExpect(jsonPath("$.errors[*].field", hasItem("meta.site_url")))
          .andExpect(content().string(not(containsString(token))));

      PROVIDERS.verify(
          0,
          com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
              com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
      assertThat(
              jdbc.sql("SELECT meta FROM integration_account WHERE id = :id")
                  .param("id", UUID.fromString(id))
                  .query(String.class)
                  .single())
          .contains("https://acme.atlassian.net")
          .doesNotContain("attacker");
      assertThat(outboxTypesFor(id)).isEqualTo(eventsBefore);

      String newToken = "ATATT3xFfGF0" + UUID.randomUUID().toString().replace("-", "");
      call(
              put("/api/integrations/" + id),
              user,
              """
          {"access_token":"%s","meta":{"site_url":"https://acme2.atlassian.net","email":"mia@example.com"}}"""
                  .formatted(newToken))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.meta.site_url").value("https://acme2.atlassian.net"));
      PROVIDERS.verify(
          1,
          com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                  com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/rest/api/3/myself"))
              .withBasicAuth(
                  new com.github.tomakehurst.wiremock.client.BasicCredentials(
                      "mia@example.com", newToken)));
    }

    @Test
    void shouldDeactivateAndReactivate() throws Exception {
      String user = Tokens.user();
      String id = createNotion(user, Tokens.notion());

      call(put("/api/integrations/" + id), user, "{\"status\":\"inactive\"}")
          .andExpect(jsonPath("$.status").value("inactive"));
      call(put("/api/integrations/" + id), user, "{\"status\":\"active\"}")
          .andExpect(jsonPath("$.status").value("active"));
      assertThat(outboxTypesFor(id)).filteredOn(t -> t.endsWith("status-changed")).hasSize(2);
    }
  }

  @Nested
  class Validation {

    @Test
    void shouldFlipToErrorWhenTheProviderNowRejectsTheCredential() throws Exception {
      String user = Tokens.user();
      String token = Tokens.notion();
      String id = createNotion(user, token);
      PROVIDERS.resetAll();
      ProviderStubs.notionRejects(PROVIDERS, token);

      call(post("/api/integrations/" + id + "/validate"), user, null)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.valid").value(false))
          .andExpect(jsonPath("$.outcome").value("invalid_credentials"))
          .andExpect(jsonPath("$.integration.status").value("error"))
          .andExpect(jsonPath("$.integration.status_reason").value("invalid_credentials"));

      assertThat(outboxTypesFor(id))
          .contains(
              "io.mcpmanager.integration.validation-failed",
              "io.mcpmanager.integration.status-changed");
    }

    @Test
    void shouldNotFlipAGoodCredentialOnOneProviderBlip() throws Exception {
      String user = Tokens.user();
      String id = createNotion(user, Tokens.notion());
      PROVIDERS.resetAll();
      ProviderStubs.notionDown(PROVIDERS);

      call(post("/api/integrations/" + id + "/validate"), user, null)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.outcome").value("provider_unavailable"))
          .andExpect(jsonPath("$.integration.status").value("active"));
    }

    @Test
    void shouldTestACredentialWithoutStoringIt() throws Exception {
      String user = Tokens.user();
      String token = Tokens.notion();
      ProviderStubs.notionAccepts(PROVIDERS, token);

      call(
              post("/api/integrations/validate"),
              user,
              """
          {"type":"notion","access_token":"%s"}"""
                  .formatted(token))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.valid").value(true))
          .andExpect(jsonPath("$.integration").doesNotExist());

      assertThat(rowsOf(user)).isZero();
    }

    @Test
    void shouldTimeValidationsPerProvider(
        @Autowired io.micrometer.core.instrument.MeterRegistry meters) throws Exception {
      long before =
          meters
              .get("mcpm.integration.validation")
              .tag("provider", "notion")
              .tag("outcome", "valid")
              .timer()
              .count();
      double createdBefore =
          meters
              .get("mcpm.credential.operations")
              .tag("operation", "create")
              .tag("outcome", "success")
              .counter()
              .count();

      createNotion(Tokens.user(), Tokens.notion());

      assertThat(
              meters
                  .get("mcpm.integration.validation")
                  .tag("provider", "notion")
                  .tag("outcome", "valid")
                  .timer()
                  .count())
          .isEqualTo(before + 1);
      assertThat(
              meters
                  .get("mcpm.credential.operations")
                  .tag("operation", "create")
                  .tag("outcome", "success")
                  .counter()
                  .count())
          .isEqualTo(createdBefore + 1);
    }

    @Test
    void shouldCountFailedValidationsAndAnswer429WithRetryAfterOnceTheHourlyCapIsReached()
        throws Exception {
      String user = Tokens.user();
      String token = Tokens.notion();
      ProviderStubs.notionRejects(PROVIDERS, token);
      String body =
          """
          {"type":"notion","access_token":"%s"}"""
              .formatted(token);

      call(post("/api/integrations/validate"), user, body)
          .andExpect(jsonPath("$.valid").value(false));
      assertThat(throttleCount("user:" + user)).isEqualTo(1);

      // Another replica may have counted the rest of the hour's failures: the table is the truth.
      setThrottleCount("user:" + user, 100);
      call(post("/api/integrations/validate"), user, body)
          .andExpect(status().isTooManyRequests())
          .andExpect(header().exists("Retry-After"))
          .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/rate-limited"));
      PROVIDERS.verify(
          1,
          com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
              com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/users/me")));
    }

    @Test
    void shouldCountEveryValidationAttemptNotOnlyRejections() throws Exception {
      String user = Tokens.user();
      String token = Tokens.notion();
      ProviderStubs.notionAccepts(PROVIDERS, token);
      String body =
          """
          {"type":"notion","access_token":"%s"}"""
              .formatted(token);

      call(post("/api/integrations/validate"), user, body)
          .andExpect(jsonPath("$.valid").value(true));
      assertThat(throttleCount("attempts:user:" + user)).isEqualTo(1);

      setThrottleCount("attempts:user:" + user, 300);
      int before =
          PROVIDERS
              .findAll(
                  com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                      com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/users/me")))
              .size();
      call(post("/api/integrations/validate"), user, body)
          .andExpect(status().isTooManyRequests())
          .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/rate-limited"));
      assertThat(
              PROVIDERS.findAll(
                  com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                      com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/v1/users/me"))))
          .hasSize(before);
    }
  }

  @Nested
  class Delete {

    @Test
    void shouldRevokeDestroyTheCiphertextAndKeepATombstone() throws Exception {
      String user = Tokens.user();
      String id = createNotion(user, Tokens.notion());

      call(delete("/api/integrations/" + id), user, null).andExpect(status().isNoContent());

      call(get("/api/integrations/" + id), user, null).andExpect(status().isNotFound());
      var row =
          jdbc.sql(
                  """
              SELECT status, credential_ciphertext, revoked_at FROM integration_account WHERE id = :id""")
              .param("id", UUID.fromString(id))
              .query()
              .singleRow();
      assertThat(row.get("status")).isEqualTo("REVOKED");
      assertThat(row.get("credential_ciphertext")).isNull();
      assertThat(row.get("revoked_at")).isNotNull();
      assertThat(outboxTypesFor(id)).last().isEqualTo("io.mcpmanager.integration.revoked");
      // The slot is free again.
      createNotion(user, Tokens.notion());
    }
  }

  @Test
  void shouldRejectUnauthenticatedCalls() throws Exception {
    mvc.perform(get("/api/integrations"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("Content-Type", not(containsString("text/html"))));
  }
}
