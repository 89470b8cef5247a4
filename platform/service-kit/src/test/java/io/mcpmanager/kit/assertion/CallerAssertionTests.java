package io.mcpmanager.kit.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.Base64URL;
import io.mcpmanager.kit.secrets.TransitSigner;
import io.mcpmanager.testsupport.OpenBaoServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/** Caller assertions signed and verified through a real OpenBao's Transit engine. */
class CallerAssertionTests {

  private static final OpenBaoServer vault = OpenBaoServer.shared();
  private static final VaultTemplate template =
      new VaultTemplate(
          VaultEndpoint.from(URI.create(vault.address())),
          new TokenAuthentication(vault.rootToken()));
  private static final TransitSigner transit = new TransitSigner(template, "transit");

  private static final String SERVER = UUID.randomUUID().toString();
  private static final String LINK = CallerAssertion.integrationLink("notion");

  private final String key = "assertions-" + UUID.randomUUID();
  private final Set<String> used = new HashSet<>();
  private final CallerAssertionSigner signer =
      new CallerAssertionSigner(
          transit, key, "mcp-server-service", Duration.ofSeconds(30), Clock.systemUTC());

  private CallerAssertionVerifier verifier(String trustedKey, Clock clock) {
    return new CallerAssertionVerifier(
        transit,
        "mcp-server-service",
        trustedKey,
        "integration-service",
        (issuer, jti, expiresAt) -> used.add(issuer + "/" + jti),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        clock);
  }

  private CallerAssertionVerifier verifier() {
    return verifier(key, Clock.systemUTC());
  }

  @Test
  void shouldAcceptAFreshAssertionOnceForItsOwnerAndLink() {
    signer.createKey();
    String assertion = signer.sign("integration-service", "alice", SERVER, LINK);

    CallerAssertion verified = verifier().verify(assertion, "alice", LINK);

    assertThat(verified.owner()).isEqualTo("alice");
    assertThat(verified.server()).isEqualTo(SERVER);
    assertThat(verified.issuer()).isEqualTo("mcp-server-service");
    assertThat(Duration.between(verified.issuedAt(), verified.expiresAt()))
        .isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> verifier().verify(assertion, "alice", LINK))
        .isInstanceOf(CallerAssertionRefusedException.class)
        .hasMessageContaining("already used");
  }

  @Test
  void shouldRefuseAnotherOwnerOrLinkWithoutUsingTheId() {
    signer.createKey();
    String assertion = signer.sign("integration-service", "alice", SERVER, LINK);

    assertThatThrownBy(() -> verifier().verify(assertion, "mallory", LINK))
        .isInstanceOf(CallerAssertionRefusedException.class)
        .hasMessageContaining("another owner or link");
    assertThatThrownBy(
            () -> verifier().verify(assertion, "alice", CallerAssertion.integrationLink("gmail")))
        .isInstanceOf(CallerAssertionRefusedException.class);
    assertThat(used).isEmpty();
    assertThat(verifier().verify(assertion, "alice", LINK).owner()).isEqualTo("alice");
  }

  @Test
  void shouldRefuseNoAssertionAnotherAudienceAKeyNotTrustedAndATamperedOne() {
    signer.createKey();
    assertThatThrownBy(() -> verifier().verify(null, "alice", LINK))
        .hasMessageContaining("no caller assertion");
    String forGit = signer.sign("git-connection-service", "alice", SERVER, LINK);
    assertThatThrownBy(() -> verifier().verify(forGit, "alice", LINK))
        .hasMessageContaining("not from a trusted caller");

    String other = "assertions-" + UUID.randomUUID();
    CallerAssertionSigner untrusted =
        new CallerAssertionSigner(
            transit, other, "mcp-server-service", Duration.ofSeconds(30), Clock.systemUTC());
    untrusted.createKey();
    assertThatThrownBy(
            () ->
                verifier()
                    .verify(
                        untrusted.sign("integration-service", "alice", SERVER, LINK),
                        "alice",
                        LINK))
        .hasMessageContaining("not signed by a trusted caller");

    String genuine = signer.sign("integration-service", "alice", SERVER, LINK);
    String[] parts = genuine.split("\\.");
    String claims = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8);
    String forged =
        parts[0] + "." + Base64URL.encode(claims.replace("alice", "mallory")) + "." + parts[2];
    assertThatThrownBy(() -> verifier().verify(forged, "mallory", LINK))
        .hasMessageContaining("signature is invalid");
    assertThat(used).isEmpty();
  }

  @Test
  void shouldRefuseAnExpiredAssertionAndKeepVerifyingAcrossARotation() {
    signer.createKey();
    String assertion = signer.sign("integration-service", "alice", SERVER, LINK);
    Clock later = Clock.fixed(Instant.now().plusSeconds(45), ZoneOffset.UTC);
    assertThatThrownBy(() -> verifier(key, later).verify(assertion, "alice", LINK))
        .hasMessageContaining("expired");

    transit.rotate(key);
    String afterRotation = signer.sign("integration-service", "alice", SERVER, LINK);

    assertThat(verifier().verify(afterRotation, "alice", LINK).owner()).isEqualTo("alice");
    assertThat(verifier().verify(assertion, "alice", LINK).owner()).isEqualTo("alice");
  }
}
