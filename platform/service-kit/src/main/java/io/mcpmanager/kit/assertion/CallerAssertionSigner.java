package io.mcpmanager.kit.assertion;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.mcpmanager.kit.secrets.TransitSigner;
import io.mcpmanager.kit.secrets.TransitSigner.SignatureValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs caller assertions: compact JWS (EdDSA, {@code typ} {@value #TYPE}) whose signature Vault
 * Transit makes with this service's non-exportable ed25519 key; {@code kid} names key and version.
 */
public class CallerAssertionSigner {

  static final String TYPE = "caller-assertion+jwt";

  private final TransitSigner signer;
  private final String keyName;
  private final String issuer;
  private final Duration lifetime;
  private final Clock clock;
  private volatile int keyVersion = 1;
  private volatile boolean keyReady;

  public CallerAssertionSigner(
      TransitSigner signer, String keyName, String issuer, Duration lifetime, Clock clock) {
    this.signer = signer;
    this.keyName = keyName;
    this.issuer = issuer;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** Creates the signing key in Vault if it does not exist yet (idempotent). */
  public void createKey() {
    signer.createKey(keyName);
    keyReady = true;
  }

  /**
   * An assertion that this service acts for {@code owner} through {@code server}'s {@code link}.
   */
  public String sign(String audience, String owner, String server, String link) {
    // On first use rather than at start-up: the service starts while Vault is down.
    if (!keyReady) {
      createKey();
    }
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(audience)
            .subject(owner)
            .claim("server", server)
            .claim("link", link)
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .build();
    Base64URL payload = Base64URL.encode(claims.toString());
    // kid names key and version, but Vault tells the version only with a signature: sign with the
    // last version seen, and once more if the key was rotated in between.
    int version = keyVersion;
    SignatureValue signature = signature(payload, version);
    if (signature.keyVersion() != version) {
      version = signature.keyVersion();
      keyVersion = version;
      signature = signature(payload, version);
    }
    return signingInput(payload, version) + "." + Base64URL.encode(signature.bytes());
  }

  private SignatureValue signature(Base64URL payload, int version) {
    return signer.sign(keyName, signingInput(payload, version).getBytes(StandardCharsets.US_ASCII));
  }

  private String signingInput(Base64URL payload, int version) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.EdDSA)
            .type(new JOSEObjectType(TYPE))
            .keyID(CallerAssertionVerifier.keyId(keyName, version))
            .build();
    return header.toBase64URL() + "." + payload;
  }
}
