package io.mcpmanager.mcp.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jwt.SignedJWT;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.secrets.SecretCipherException;
import io.mcpmanager.kit.secrets.TransitSigner;
import io.mcpmanager.mcp.server.ManagerKey;
import io.mcpmanager.mcp.server.ServerRegistry;
import io.mcpmanager.mcp.testdata.McpServiceTestBase;
import io.mcpmanager.mcp.testdata.ServerSigningKey;
import io.mcpmanager.testsupport.OpenBaoServer;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The manager's keys live in Vault Transit only; servers verify its JWTs through the JWKS. */
class ManagerKeyTests extends McpServiceTestBase {

  @Autowired TransitSigner signer;
  @Autowired ManagerKeys keys;
  @Autowired KeyService keyService;
  @Autowired ServerRegistry servers;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  private ManagerKey load(String id) {
    return servers.managerKey(UUID.fromString(id));
  }

  @Nested
  class PrivateKeyNeverLeavesVault {

    @Test
    void shouldRefuseToExportTheSigningKey() throws Exception {
      String id = registerTestServer(newUser(), null).path("id").asString();
      String keyName = load(id).signingKeyName();

      assertThatThrownBy(() -> signer.exportSigningKey(keyName))
          .isInstanceOf(SecretCipherException.class);
      HttpResponse<String> raw =
          OpenBaoServer.shared().request("GET", "/v1/transit/export/signing-key/" + keyName, null);
      assertThat(raw.statusCode()).isBetween(400, 499);
      assertThat(raw.body()).doesNotContain("\"keys\"");
      HttpResponse<String> config =
          OpenBaoServer.shared().request("GET", "/v1/transit/keys/" + keyName, null);
      assertThat(config.body()).contains("\"exportable\":false").contains("\"type\":\"ed25519\"");
    }

    @Test
    void shouldHaveNoColumnThatCouldHoldKeyMaterial() throws Exception {
      registerTestServer(newUser(), ServerSigningKey.generate().publicKeyPem());

      List<String> suspicious =
          jdbc.sql(
                  """
              SELECT table_name || '.' || column_name FROM information_schema.columns
              WHERE table_schema = 'public'
                AND (column_name ILIKE '%private%' OR column_name ILIKE '%secret%' OR column_name ILIKE '%key_material%')""")
              .query(String.class)
              .list();
      assertThat(suspicious).isEmpty();
      List<String> keyColumns =
          jdbc.sql(
                  """
              SELECT column_name FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name = 'mcp_server' AND column_name ILIKE '%key%'
                AND data_type = 'text'""")
              .query(String.class)
              .list();
      assertThat(keyColumns).containsExactly("server_public_key");
      List<String> stored =
          jdbc.sql("SELECT server_public_key FROM mcp_server WHERE server_public_key IS NOT NULL")
              .query(String.class)
              .list();
      assertThat(stored)
          .isNotEmpty()
          .allSatisfy(
              pem ->
                  assertThat(pem)
                      .startsWith("-----BEGIN PUBLIC KEY-----")
                      .doesNotContain("PRIVATE"));
    }

    @Test
    void shouldRefuseAPrivateKeyOfferedAsTheServerPublicKey() throws Exception {
      // A throwaway key made for this test.
      byte[] pkcs8 =
          KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
      String privatePem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(pkcs8)
              + "\n-----END PRIVATE KEY-----";
      perform(
              newUser(),
              post("/api/mcp/servers"),
              Map.of("name", "leaky", "url", mcp.url(), "server_public_key", privatePem))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.reason").value("private_key_submitted"));
      // The private half of RFC 8037's published Ed25519 example key.
      String privateJwk =
          "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\","
              + "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"}";
      perform(
              newUser(),
              post("/api/mcp/servers"),
              Map.of("name", "leaky-jwk", "url", mcp.url(), "server_public_key", privateJwk))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.reason").value("private_key_submitted"));
    }
  }

  @Nested
  class Jwks {

    @Test
    void shouldPublishTheVaultPublicKeyAsAnEd25519JwkWithoutAuthentication() throws Exception {
      String owner = newUser();
      String id = registerTestServer(owner, null).path("id").asString();

      JsonNode jwks =
          body(
              mvc.perform(get("/api/mcp/servers/" + id + "/.well-known/jwks.json"))
                  .andExpect(status().isOk()));

      JsonNode key = jwks.path("keys").get(0);
      assertThat(jwks.path("keys").size()).isEqualTo(1);
      assertThat(key.path("kty").asString()).isEqualTo("OKP");
      assertThat(key.path("crv").asString()).isEqualTo("Ed25519");
      assertThat(key.path("alg").asString()).isEqualTo("EdDSA");
      assertThat(key.path("kid").asString()).isEqualTo(id + ":v1");
      assertThat(key.has("d")).isFalse();
      byte[] vaultPublicKey = signer.publicKeys(load(id).signingKeyName()).getFirst().publicKey();
      assertThat(Base64.getUrlDecoder().decode(key.path("x").asString())).isEqualTo(vaultPublicKey);
      JsonNode ownerView =
          body(
              perform(owner, get("/api/mcp/servers/" + id + "/jwks"), null)
                  .andExpect(status().isOk()));
      assertThat(ownerView).isEqualTo(jwks);
    }

    @Test
    void shouldHideTheOwnerJwksFromOtherUsers() throws Exception {
      String id = registerTestServer(newUser(), null).path("id").asString();

      perform(newUser(), get("/api/mcp/servers/" + id + "/jwks"), null)
          .andExpect(status().isNotFound());
    }

    @Test
    void shouldSignShortLivedEdDsaTokensForTheServer() throws Exception {
      String owner = newUser();
      String id = registerTestServer(owner, null).path("id").asString();

      SignedJWT token = SignedJWT.parse(keys.tokenFor(load(id)));

      assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
      assertThat(token.getHeader().getKeyID()).isEqualTo(id + ":v1");
      assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("mcp-manager");
      assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(mcp.url());
      assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(owner);
      assertThat(
              Duration.between(
                  Instant.now(), token.getJWTClaimsSet().getExpirationTime().toInstant()))
          .isPositive()
          .isLessThanOrEqualTo(Duration.ofMinutes(5));
    }
  }

  @Nested
  class Rotation {

    @Test
    void shouldKeepOldTokensValidDuringTheGracePeriodAndRefuseThemAfterRetirement()
        throws Exception {
      String owner = newUser();
      String id = registerTestServer(owner, null).path("id").asString();
      assertThat(check(owner, id).path("server").path("status").asString()).isEqualTo("active");
      String oldToken = keys.tokenFor(load(id));

      JsonNode rotated =
          body(
              perform(owner, post("/api/mcp/servers/" + id + "/keys/rotate"), null)
                  .andExpect(status().isOk()));

      assertThat(rotated.path("key_version").asInt()).isEqualTo(2);
      assertThat(rotated.path("kid").asString()).isEqualTo(id + ":v2");
      Instant retireAfter = Instant.parse(rotated.path("retire_after").asString());
      assertThat(kids(id)).containsExactlyInAnyOrder(id + ":v1", id + ":v2");
      String newToken = keys.tokenFor(load(id));
      assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(id + ":v2");
      assertThat(mcp.initializeWith(newToken)).isEqualTo(200);
      assertThat(check(owner, id).path("server").path("status").asString()).isEqualTo("active");
      assertThat(mcp.initializeWith(oldToken)).as("old key during the grace period").isEqualTo(200);

      keyService.retireExpiredVersions(retireAfter.minusSeconds(60));
      assertThat(kids(id)).as("grace period not over yet").contains(id + ":v1");
      assertThat(keyService.retireExpiredVersions(retireAfter.plusSeconds(1)))
          .isGreaterThanOrEqualTo(1);

      assertThat(kids(id)).containsExactly(id + ":v2");
      assertThat(mcp.initializeWith(oldToken)).as("old key after retirement").isEqualTo(401);
      assertThat(mcp.initializeWith(newToken)).isEqualTo(200);
      assertThat(check(owner, id).path("server").path("status").asString()).isEqualTo("active");
      events.await(EventTypes.MCP_KEY_ROTATED, id);
      events.await(EventTypes.MCP_KEY_RETIRED, id);
    }

    @Test
    void shouldRotateKeysOlderThanTheMaximumAgeOnSchedule() throws Exception {
      String id = registerTestServer(newUser(), null).path("id").asString();
      double rotationsBefore = operations("rotate");

      int rotated = keyService.rotateKeysOlderThanMaxAge(Instant.now().plus(Duration.ofDays(31)));

      assertThat(rotated).isGreaterThanOrEqualTo(1);
      assertThat(operations("rotate")).isEqualTo(rotationsBefore + rotated);
      assertThat(load(id).keyVersion()).isEqualTo(2);
      JsonNode event = events.await(EventTypes.MCP_KEY_ROTATED, id);
      assertThat(event.path("data").path("actor").path("kind").asString()).isEqualTo("SYSTEM");
    }

    @Test
    void shouldRotateTheOtherKeysWhenOneServersKeyIsGoneFromVault() throws Exception {
      String id = registerTestServer(newUser(), null).path("id").asString();
      String orphan = registerTestServer(newUser(), null).path("id").asString();
      jdbc.sql(
              "UPDATE mcp_server SET signing_key_name = 'mcp-server-missing-' || id WHERE id = :id")
          .param("id", java.util.UUID.fromString(orphan))
          .update();
      try {
        keyService.rotateKeysOlderThanMaxAge(Instant.now().plus(Duration.ofDays(31)));

        assertThat(load(id).keyVersion()).isGreaterThanOrEqualTo(2);
        assertThat(load(orphan).keyVersion()).isEqualTo(1);
      } finally {
        jdbc.sql("DELETE FROM mcp_server WHERE id = :id")
            .param("id", java.util.UUID.fromString(orphan))
            .update();
      }
    }

    @Test
    void shouldCountKeysReachingTheirMaximumAgeWithinSevenDays() throws Exception {
      String id = registerTestServer(newUser(), null).path("id").asString();
      double before = expiringManagerKeys();

      jdbc.sql("UPDATE mcp_server SET key_created_at = now() - interval '25 days' WHERE id = :id")
          .param("id", java.util.UUID.fromString(id))
          .update();

      assertThat(expiringManagerKeys()).isEqualTo(before + 1);
    }

    private double operations(String operation) {
      return meters
          .get("mcpm.credential.operations")
          .tag("operation", operation)
          .tag("outcome", "success")
          .counter()
          .count();
    }

    private double expiringManagerKeys() {
      return meters
          .get("mcpm.credentials.expiring.soon")
          .tag("kind", "manager-key")
          .gauge()
          .value();
    }

    @Test
    void shouldNotLetAnotherUserRotateTheKey() throws Exception {
      String id = registerTestServer(newUser(), null).path("id").asString();

      perform(newUser(), post("/api/mcp/servers/" + id + "/keys/rotate"), null)
          .andExpect(status().isNotFound());
      assertThat(load(id).keyVersion()).isEqualTo(1);
    }
  }

  private List<String> kids(String id) throws Exception {
    JsonNode jwks = body(mvc.perform(get("/api/mcp/servers/" + id + "/.well-known/jwks.json")));
    return jwks.path("keys").valueStream().map(k -> k.path("kid").asString()).toList();
  }
}
