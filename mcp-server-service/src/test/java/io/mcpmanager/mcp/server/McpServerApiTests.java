package io.mcpmanager.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.events.EventTypes;
import io.mcpmanager.mcp.testdata.McpServiceTestBase;
import io.mcpmanager.mcp.testdata.TestCertificates;
import io.mcpmanager.mcp.testdata.TestDns;
import io.mcpmanager.testsupport.OpenBaoServer;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The MCP server registry: owner-scoped CRUD, SSRF protection and pinned TLS material. */
class McpServerApiTests extends McpServiceTestBase {

  private static final String PROBLEM_JSON = "application/problem+json";

  /** Only tokens naming mcp-server-service, and no service token on the user API. */
  @Test
  void shouldRefuseATokenNamingAnotherServiceAndServiceTokensOnTheApi() throws Exception {
    TestJwtIssuer issuer = TestJwtIssuer.shared();
    mvc.perform(
            get("/api/mcp/servers")
                .header(
                    "Authorization",
                    "Bearer "
                        + issuer.serviceTokenFor(
                            "git-connection-service", "mcp-server-service", "git.broker")))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            get("/api/mcp/servers")
                .header(
                    "Authorization",
                    "Bearer " + issuer.serviceTokenFor("mcp-server-service", "gateway")))
        .andExpect(status().isForbidden());
  }

  @Nested
  class Registry {

    @Test
    void shouldRegisterAServerWaitingForItsFirstCheck() throws Exception {
      String owner = newUser();

      JsonNode server =
          body(
              perform(
                      owner,
                      post("/api/mcp/servers"),
                      Map.of("name", "notes", "url", mcp.url(), "config", Map.of("region", "eu")))
                  .andExpect(status().isCreated())
                  .andExpect(
                      header()
                          .string(
                              "Location", org.hamcrest.Matchers.startsWith("/api/mcp/servers/"))));

      assertThat(server.path("owner_id").asString()).isEqualTo(owner);
      assertThat(server.path("status").asString()).isEqualTo("connecting");
      assertThat(server.path("key_version").asInt()).isEqualTo(1);
      assertThat(server.path("config").path("region").asString()).isEqualTo("eu");
      assertThat(server.has("private_key")).isFalse();
      String id = server.path("id").asString();
      events.await(EventTypes.MCP_SERVER_REGISTERED, id);
      events.await(EventTypes.MCP_KEY_CREATED, id);
    }

    @Test
    void shouldListOnlyTheCallersServersPageByPage() throws Exception {
      String owner = newUser();
      for (int i = 0; i < 3; i++) {
        registerTestServer(owner, null);
      }
      registerTestServer(newUser(), null);

      JsonNode page =
          body(
              perform(owner, get("/api/mcp/servers?page=0&size=2"), null)
                  .andExpect(status().isOk()));

      assertThat(page.path("items").size()).isEqualTo(2);
      assertThat(page.path("total_elements").asLong()).isEqualTo(3);
      assertThat(page.path("total_pages").asInt()).isEqualTo(2);
      assertThat(page.path("items").valueStream().map(s -> s.path("owner_id").asString()))
          .containsOnly(owner);
      perform(owner, get("/api/mcp/servers?size=1000"), null).andExpect(status().isBadRequest());
    }

    @Test
    void shouldUpdateNameConfigAndStatusAndRecordTheChange() throws Exception {
      String owner = newUser();
      String id = registerTestServer(owner, null).path("id").asString();

      perform(
              owner,
              put("/api/mcp/servers/" + id),
              Map.of("name", "renamed", "config", Map.of("region", "us"), "enabled", false))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.name").value("renamed"))
          .andExpect(jsonPath("$.config.region").value("us"))
          .andExpect(jsonPath("$.status").value("inactive"));

      JsonNode event = events.await(EventTypes.MCP_SERVER_UPDATED, id);
      assertThat(event.path("data").path("changes").path("status").path("after").asString())
          .isEqualTo("inactive");
      assertThat(event.path("data").path("changes").path("name").path("before").asString())
          .startsWith("notes-");
    }

    @Test
    void shouldDeleteAServerAndDestroyItsVaultKey() throws Exception {
      String owner = newUser();
      String id = registerTestServer(owner, null).path("id").asString();
      String keyPath = "/v1/transit/keys/mcp-server-" + id;
      assertThat(OpenBaoServer.shared().request("GET", keyPath, null).statusCode()).isEqualTo(200);

      perform(owner, delete("/api/mcp/servers/" + id), null).andExpect(status().isNoContent());

      perform(owner, get("/api/mcp/servers/" + id), null).andExpect(status().isNotFound());
      mvc.perform(get("/api/mcp/servers/" + id + "/.well-known/jwks.json"))
          .andExpect(status().isNotFound());
      assertThat(OpenBaoServer.shared().request("GET", keyPath, null).statusCode()).isEqualTo(404);
      // The service ran on its AppRole with the shipped policy; even root cannot sign any more.
      assertThat(
              OpenBaoServer.shared()
                  .request("POST", "/v1/transit/sign/mcp-server-" + id, "{\"input\":\"aGVsbG8=\"}")
                  .statusCode())
          .isNotEqualTo(200);
      events.await(EventTypes.MCP_SERVER_DELETED, id);
    }

    @Test
    void shouldRefuseSecretsInConfig() throws Exception {
      perform(
              newUser(),
              post("/api/mcp/servers"),
              Map.of(
                  "name",
                  "leaky",
                  "url",
                  mcp.url(),
                  "config",
                  Map.of("nested", Map.of("api_key", "sk-123"))))
          .andExpect(status().isBadRequest())
          .andExpect(header().string("Content-Type", PROBLEM_JSON))
          .andExpect(jsonPath("$.field").value("config.api_key"))
          .andExpect(
              jsonPath(
                  "$.detail",
                  org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("sk-123"))));
    }

    @Test
    void shouldRefuseADuplicateNameWith409() throws Exception {
      String owner = newUser();
      perform(owner, post("/api/mcp/servers"), Map.of("name", "twin", "url", mcp.url()))
          .andExpect(status().isCreated());

      perform(owner, post("/api/mcp/servers"), Map.of("name", "twin", "url", mcp.url()))
          .andExpect(status().isConflict());
      assertThat(
              jdbc.sql("SELECT count(*) FROM mcp_server WHERE owner_id = :o")
                  .param("o", owner)
                  .query(Long.class)
                  .single())
          .isEqualTo(1);
    }

    @Test
    void shouldRejectAMissingNameWithAFieldError() throws Exception {
      perform(newUser(), post("/api/mcp/servers"), Map.of("url", mcp.url()))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("name"));
    }
  }

  @Nested
  class Ownership {

    @Test
    void shouldHideAnotherUsersServerBehind404() throws Exception {
      String id = registerTestServer(newUser(), null).path("id").asString();
      String intruder = newUser();

      perform(intruder, get("/api/mcp/servers/" + id), null).andExpect(status().isNotFound());
      perform(intruder, put("/api/mcp/servers/" + id), Map.of("name", "mine"))
          .andExpect(status().isNotFound());
      perform(intruder, delete("/api/mcp/servers/" + id), null).andExpect(status().isNotFound());
      perform(intruder, get("/api/mcp/servers/" + id + "/integrations"), null)
          .andExpect(status().isNotFound());
      assertThat(
              jdbc.sql("SELECT name FROM mcp_server WHERE id = CAST(:id AS uuid)")
                  .param("id", id)
                  .query(String.class)
                  .single())
          .startsWith("notes-");
    }

    @Test
    void shouldLetAnAdminDisableAndDeleteAndRecordBothActorAndOwner() throws Exception {
      String owner = newUser();
      String id = registerTestServer(owner, null).path("id").asString();
      String admin = "admin-" + owner;

      mvc.perform(
              get("/api/mcp/servers/" + id)
                  .header("Authorization", "Bearer " + issuer.adminToken(admin)))
          .andExpect(status().isOk());
      mvc.perform(
              put("/api/mcp/servers/" + id)
                  .header("Authorization", "Bearer " + issuer.adminToken(admin))
                  .contentType("application/json")
                  .content("{\"enabled\":false}"))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.status").value("inactive"));

      JsonNode event = events.await(EventTypes.MCP_SERVER_UPDATED, id);
      assertThat(event.path("data").path("actor").path("id").asString()).isEqualTo(admin);
      assertThat(event.path("data").path("owner_id").asString()).isEqualTo(owner);

      mvc.perform(
              delete("/api/mcp/servers/" + id)
                  .header("Authorization", "Bearer " + issuer.adminToken(admin)))
          .andExpect(status().isNoContent());
      JsonNode deleted = events.await(EventTypes.MCP_SERVER_DELETED, id);
      assertThat(deleted.path("data").path("actor").path("id").asString()).isEqualTo(admin);
      assertThat(deleted.path("data").path("owner_id").asString()).isEqualTo(owner);
    }

    @Test
    void shouldRefuseAnAdminReKeyingRePointingOrRenamingAForeignServer() throws Exception {
      String owner = newUser();
      String originalKey = io.mcpmanager.mcp.testdata.ServerSigningKey.generate().publicKeyPem();
      String id = registerTestServer(owner, originalKey).path("id").asString();
      String admin = "admin-" + owner;
      String adminsKey = io.mcpmanager.mcp.testdata.ServerSigningKey.generate().publicKeyPem();
      String storedKey =
          jdbc.sql("SELECT server_public_key FROM mcp_server WHERE id = CAST(:id AS uuid)")
              .param("id", id)
              .query(String.class)
              .single();

      for (Map<String, Object> write :
          java.util.List.<Map<String, Object>>of(
              Map.of("server_public_key", adminsKey),
              Map.of("url", mcp.url() + "?moved"),
              Map.of("name", "fixed-by-admin"),
              Map.of("enabled", true))) {
        mvc.perform(
                put("/api/mcp/servers/" + id)
                    .header("Authorization", "Bearer " + issuer.adminToken(admin))
                    .contentType("application/json")
                    .content(json.writeValueAsString(write)))
            .andExpect(status().isNotFound())
            .andExpect(header().string("Content-Type", PROBLEM_JSON));
      }
      mvc.perform(
              post("/api/mcp/servers/" + id + "/keys/rotate")
                  .header("Authorization", "Bearer " + issuer.adminToken(admin)))
          .andExpect(status().isNotFound());

      Map<String, Object> row =
          jdbc.sql(
                  "SELECT server_public_key, url, name, key_version FROM mcp_server"
                      + " WHERE id = CAST(:id AS uuid)")
              .param("id", id)
              .query()
              .singleRow();
      assertThat(row.get("server_public_key")).isEqualTo(storedKey);
      assertThat(row.get("url")).isEqualTo(mcp.url());
      assertThat((String) row.get("name")).startsWith("notes-");
      assertThat(((Number) row.get("key_version")).intValue()).isEqualTo(1);
    }

    @Test
    void shouldSendAReKeyedOrRePointedServerBackToConnectingAndRecordIt() throws Exception {
      String owner = newUser();
      String id = registerTestServer(owner, null).path("id").asString();
      assertThat(check(owner, id).path("server").path("status").asString()).isEqualTo("active");
      String newKey = io.mcpmanager.mcp.testdata.ServerSigningKey.generate().publicKeyPem();

      body(
          perform(owner, put("/api/mcp/servers/" + id), Map.of("server_public_key", newKey))
              .andExpect(status().isOk())
              .andExpect(jsonPath("$.status").value("connecting")));

      JsonNode event =
          events.await(
              EventTypes.MCP_SERVER_REKEYED,
              id,
              e -> e.path("data").path("changes").has("server_public_key_fingerprint"));
      assertThat(event.path("data").path("changes").path("status").path("after").asString())
          .isEqualTo("connecting");
      assertThat(event.path("data").path("actor").path("id").asString()).isEqualTo(owner);
      assertThat(event.toString()).doesNotContain(newKey.strip().lines().skip(1).findFirst().get());
    }

    @Test
    void shouldRequireAToken() throws Exception {
      mvc.perform(get("/api/mcp/servers")).andExpect(status().isUnauthorized());
    }
  }

  @Nested
  class Ssrf {

    @ParameterizedTest
    @CsvSource({
      "http://10.0.0.5/mcp, private_address",
      "http://172.20.1.1/mcp, private_address",
      "http://169.254.169.254/latest/meta-data, metadata_address",
      "http://169.254.10.10/mcp, link_local_address",
      "http://[fd00::1]/mcp, private_address",
      "http://[fe80::1]/mcp, link_local_address",
      "http://0.0.0.0/mcp, unspecified_address",
      "http://100.64.0.1/mcp, private_address",
      "http://[64:ff9b::a00:1]/mcp, reserved_address",
      "http://198.18.0.1/mcp, reserved_address",
      "http://192.0.0.8/mcp, reserved_address",
      "http://240.0.0.1/mcp, reserved_address",
      "http://[::ffff:169.254.169.254]/mcp, metadata_address",
      "http://metadata.google.internal/computeMetadata/v1/, metadata_address",
      "http://nowhere.test.example/mcp, unresolvable_host",
      "http://user:pw@example.org/mcp, credentials_in_url",
      "ftp://example.org/mcp, unsupported_scheme"
    })
    void shouldRefuseInternalTargets(String url, String reason) throws Exception {
      String owner = newUser();

      perform(owner, post("/api/mcp/servers"), Map.of("name", "internal", "url", url))
          .andExpect(status().isBadRequest())
          .andExpect(header().string("Content-Type", PROBLEM_JSON))
          .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/unsafe-url"))
          .andExpect(jsonPath("$.reason").value(reason))
          .andExpect(jsonPath("$.detail").value(startsWith("url")))
          .andExpect(jsonPath("$.field").value("url"));

      assertThat(
              jdbc.sql("SELECT count(*) FROM mcp_server WHERE owner_id = :o")
                  .param("o", owner)
                  .query(Long.class)
                  .single())
          .isZero();
    }

    @ParameterizedTest
    @CsvSource({
      "100.64.0.1, a private (CGNAT shared) address",
      "64:ff9b::a00:1, a NAT64 address",
      "198.18.0.1, a benchmarking address",
      "192.0.0.8, an IETF protocol-assignment address",
      "240.0.0.1, a reserved address",
      "fd00::1, a private (unique-local) address",
      "169.254.169.254, a cloud metadata address"
    })
    void shouldRefuseAHostNameThatResolvesIntoARefusedRange(String address, String phrase)
        throws Exception {
      String host = "internal-" + UUID.randomUUID() + ".test.example";
      TestDns.answer(host, address);

      perform(newUser(), post("/api/mcp/servers"), Map.of("name", "n", "url", "http://" + host))
          .andExpect(status().isBadRequest())
          .andExpect(header().string("Content-Type", PROBLEM_JSON))
          .andExpect(jsonPath("$.type").value("https://mcp-manager.io/problems/unsafe-url"))
          .andExpect(jsonPath("$.detail").value("url resolves to " + phrase));
    }

    @Test
    void shouldAdmitAPrivateRangeTheOperatorAllowListed() throws Exception {
      perform(
              newUser(),
              post("/api/mcp/servers"),
              Map.of("name", "lab", "url", "http://192.168.77.10:8080/mcp"))
          .andExpect(status().isCreated());
      perform(
              newUser(),
              post("/api/mcp/servers"),
              Map.of("name", "lab", "url", "http://192.168.78.10:8080/mcp"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.reason").value("private_address"));
    }

    @Test
    void shouldCheckANewUrlOnUpdateToo() throws Exception {
      String owner = newUser();
      String id = registerTestServer(owner, null).path("id").asString();

      perform(owner, put("/api/mcp/servers/" + id), Map.of("url", "http://169.254.169.254/"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.reason").value("metadata_address"));
      perform(owner, get("/api/mcp/servers/" + id), null)
          .andExpect(jsonPath("$.url").value(mcp.url()));
    }
  }

  @Nested
  class PinnedTls {

    @Test
    void shouldTrustOnlyThePinnedCertificateWhenCallingTheServer() throws Exception {
      String owner = newUser();
      String pinned =
          body(perform(
                      owner,
                      post("/api/mcp/servers"),
                      Map.of(
                          "name",
                          "tls-pinned",
                          "url",
                          mcp.httpsUrl(),
                          "tls_certificate",
                          mcp.certificatePem()))
                  .andExpect(status().isCreated()))
              .path("id")
              .asString();
      String unpinned =
          body(perform(
                      owner,
                      post("/api/mcp/servers"),
                      Map.of("name", "tls-unpinned", "url", mcp.httpsUrl()))
                  .andExpect(status().isCreated()))
              .path("id")
              .asString();

      JsonNode ok = check(owner, pinned);
      JsonNode refused = check(owner, unpinned);

      assertThat(ok.path("server").path("status").asString()).isEqualTo("active");
      assertThat(ok.path("server").path("tls_certificate_expires_at").isNull()).isFalse();
      assertThat(refused.path("error_type").asString()).isEqualTo("tls_error");
    }

    @Test
    void shouldRefuseACertificateForAnotherHost() throws Exception {
      var other = TestCertificates.selfSigned("dns:other.example.org", null, 30, false);

      perform(
              newUser(),
              post("/api/mcp/servers"),
              Map.of(
                  "name",
                  "tls",
                  "url",
                  "https://localhost:9443/mcp",
                  "tls_certificate",
                  other.pem()))
          .andExpect(status().isBadRequest())
          .andExpect(
              jsonPath("$.type").value("https://mcp-manager.io/problems/invalid-tls-material"))
          .andExpect(jsonPath("$.reason").value("hostname_mismatch"));
    }

    @Test
    void shouldRefuseAnExpiredCertificate() throws Exception {
      var expired = TestCertificates.selfSigned("dns:localhost", "-30d", 2, false);

      perform(
              newUser(),
              post("/api/mcp/servers"),
              Map.of(
                  "name",
                  "tls",
                  "url",
                  "https://localhost:9443/mcp",
                  "tls_certificate",
                  expired.pem()))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.reason").value("certificate_expired"));
    }

    @Test
    void shouldAcceptACaCertificateAsTrustAnchorWithoutHostnameMatch() throws Exception {
      var ca = TestCertificates.selfSigned("dns:ca.internal", null, 30, true);

      perform(
              newUser(),
              post("/api/mcp/servers"),
              Map.of(
                  "name",
                  "tls-ca",
                  "url",
                  "https://localhost:9443/mcp",
                  "tls_certificate",
                  ca.pem()))
          .andExpect(status().isCreated());
    }

    @Test
    void shouldRefuseTlsMaterialForAPlainHttpUrlAndGarbage() throws Exception {
      perform(
              newUser(),
              post("/api/mcp/servers"),
              Map.of("name", "tls", "url", mcp.url(), "tls_certificate", mcp.certificatePem()))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.reason").value("https_required"));
      perform(
              newUser(),
              post("/api/mcp/servers"),
              Map.of("name", "tls", "url", mcp.httpsUrl(), "tls_certificate", "not a certificate"))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.reason").value("not_a_certificate"));
    }
  }
}
