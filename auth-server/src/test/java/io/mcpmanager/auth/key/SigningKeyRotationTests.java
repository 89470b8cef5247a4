package io.mcpmanager.auth.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.auth.AuthServerTest;
import io.mcpmanager.auth.testdata.Api;
import io.mcpmanager.auth.testdata.Browser;
import io.mcpmanager.auth.testdata.OAuthFlows;
import io.mcpmanager.auth.testdata.UserMother;
import io.mcpmanager.auth.user.UserAdminService;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.secrets.rotation.RewrapJob;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

/** Rotating the signing key logs nobody out: old tokens verify until their key is removed. */
class SigningKeyRotationTests extends AuthServerTest {

  @Autowired UserAdminService users;
  @Autowired SigningKeys keys;
  @Autowired JdbcClient jdbc;
  @Autowired SecretCipher cipher;
  @Autowired RewrapJob rewrapJob;
  @Autowired SigningKeyStore store;

  private final OAuthFlows flows = new OAuthFlows(ISSUER);
  private final Api api = new Api(ISSUER);

  private String serviceToken() {
    HttpResponse<String> response =
        flows.clientCredentials(
            "mcp-server-service", SERVICE_SECRET, "git.broker", "http://git-connection-service");
    return (String) OAuthFlows.json(response.body()).get("access_token");
  }

  /**
   * The kit's rewrap job over the private halves, with auth-server's AppRole and shipped policy:
   * after a Transit key rotation every private half is of the newest version and still decrypts, so
   * tokens are signed as before.
   */
  @Test
  void shouldRewrapThePrivateHalvesToTheNewestTransitKeyVersion() {
    keys.rotate(); // at least two signing keys, one retired
    cipher.rotateKey();

    RewrapJob.Outcome outcome = rewrapJob.run();

    List<String> ciphertexts =
        jdbc.sql("SELECT private_jwk_ciphertext FROM signing_key").query(String.class).list();
    assertThat(ciphertexts).hasSizeGreaterThanOrEqualTo(2);
    assertThat(ciphertexts)
        .allSatisfy(
            c -> assertThat(SecretCipher.keyVersionOf(c)).isEqualTo(outcome.latestVersion()));
    assertThat(outcome.rewrapped()).isGreaterThanOrEqualTo(2);
    assertThat(store.decrypt(store.all())).hasSize(ciphertexts.size());
    keys.refresh();
    assertThat(flows.validate(serviceToken()).getSubject()).isEqualTo("mcp-server-service");
  }

  @Test
  void shouldSignWithTheNewKeyAndStillAcceptTokensOfTheOldOne() {
    String adminToken =
        flows.accessToken(UserMother.admin(users, "keymaster").username(), UserMother.PASSWORD);
    String before = serviceToken();
    String oldKid = (String) flows.validate(before).getHeaders().get("kid");

    HttpResponse<String> rotated = api.post("/api/admin/keys/rotate", adminToken, null);

    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    String newKid = (String) Api.object(rotated.body()).get("kid");
    assertThat(newKid).isNotEqualTo(oldKid);
    Jwt after = flows.validate(serviceToken());
    assertThat(after.getHeaders()).containsEntry("kid", newKid);
    assertThat(flows.validate(before).getSubject()).isEqualTo("mcp-server-service");
    HttpResponse<String> listed = api.get("/api/admin/keys", adminToken);
    assertThat(listed.statusCode())
        .as("the admin token from before the rotation still works")
        .isEqualTo(200);
    List<Map<String, Object>> published = Api.array(listed.body());
    assertThat(published)
        .filteredOn(k -> k.get("kid").equals(oldKid))
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k).containsEntry("active", false);
              assertThat(Instant.parse((String) k.get("remove_after")))
                  .isAfter(Instant.now().plus(Duration.ofMinutes(15)));
            });
    assertThat(new Browser(ISSUER).get("/oauth2/jwks").body()).contains(oldKid).contains(newKid);
  }

  @Test
  void shouldDropARetiredKeyAfterItsRetentionSoItsTokensStopVerifying() {
    String signedByRetiredKey = serviceToken();
    String retiredKid = (String) flows.validate(signedByRetiredKey).getHeaders().get("kid");
    keys.rotate();
    jdbc.sql("UPDATE signing_key SET remove_after = now() - interval '1 second' WHERE kid = :kid")
        .param("kid", retiredKid)
        .update();

    keys.refresh();

    assertThat(new Browser(ISSUER).get("/oauth2/jwks").body()).doesNotContain(retiredKid);
    assertThatThrownBy(() -> flows.validate(signedByRetiredKey)).isInstanceOf(JwtException.class);
    assertThat(flows.validate(serviceToken()).getSubject()).isEqualTo("mcp-server-service");
  }

  @Test
  void shouldReplaceTheSigningKeyOnItsOwnOnceItIsOlderThanTheRotationPeriod() {
    String signedBefore = serviceToken();
    String agedKid = (String) flows.validate(signedBefore).getHeaders().get("kid");
    jdbc.sql("UPDATE signing_key SET created_at = now() - interval '31 days' WHERE kid = :kid")
        .param("kid", agedKid)
        .update();

    keys.refresh();
    String newKid = keys.signingKid();
    keys.refresh();

    assertThat(newKid).as("a key older than 30 days is replaced").isNotEqualTo(agedKid);
    assertThat(keys.signingKid()).as("the next reload keeps the fresh key").isEqualTo(newKid);
    assertThat(
            jdbc.sql("SELECT kid FROM signing_key WHERE retired_at IS NULL")
                .query(String.class)
                .list())
        .containsExactly(newKid);
    assertThat(flows.validate(serviceToken()).getHeaders()).containsEntry("kid", newKid);
    assertThat(flows.validate(signedBefore).getSubject())
        .as("tokens of the aged key still verify")
        .isEqualTo("mcp-server-service");
  }

  @Test
  void shouldKeepPrivateKeysOnlyAsVaultCiphertext() {
    List<String> stored =
        jdbc.sql("SELECT private_jwk_ciphertext FROM signing_key").query(String.class).list();

    assertThat(stored).isNotEmpty().allSatisfy(value -> assertThat(value).startsWith("vault:v"));
    assertThat(jdbc.sql("SELECT public_jwk FROM signing_key").query(String.class).list())
        .allSatisfy(jwk -> assertThat(jwk).doesNotContain("\"d\""));
  }
}
