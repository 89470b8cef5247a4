package io.mcpmanager.mcp.keys;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.mcpmanager.kit.secrets.SecretStoreUnavailableException;
import io.mcpmanager.kit.secrets.TransitSigner;
import io.mcpmanager.kit.secrets.TransitSigner.PublicKeyVersion;
import io.mcpmanager.kit.secrets.TransitSigner.SignatureValue;
import io.mcpmanager.kit.secrets.VaultProperties;
import io.mcpmanager.mcp.config.McpProperties;
import io.mcpmanager.mcp.server.ManagerKey;
import io.mcpmanager.mcp.server.ServerKeyVault;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.vault.VaultException;
import org.springframework.vault.core.VaultOperations;
import org.springframework.web.client.RestClientException;

/**
 * The manager's per-server ed25519 keys in Vault Transit: created non-exportable, asked to sign
 * short-lived EdDSA JWTs, published as JWKS. No private key byte ever reaches this JVM.
 */
@Component
public class ManagerKeys implements ServerKeyVault {

  private final TransitSigner signer;
  private final VaultOperations vault;
  private final String transitPath;
  private final McpProperties properties;
  private final Clock clock;

  ManagerKeys(
      TransitSigner signer,
      VaultOperations vault,
      VaultProperties vaultProperties,
      McpProperties properties,
      Clock clock) {
    this.signer = signer;
    this.vault = vault;
    this.transitPath = vaultProperties.transitPath();
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void create(ManagerKey key) {
    signer.createKey(key.signingKeyName());
  }

  /** Deletes a removed server's key from Vault: no version of it can sign again. */
  @Override
  public void destroy(ManagerKey key) {
    String path = transitPath + "/keys/" + key.signingKeyName();
    try {
      vault.write(path + "/config", Map.of("deletion_allowed", true));
      vault.delete(path);
    } catch (VaultException | RestClientException e) {
      throw new SecretStoreUnavailableException(e);
    }
  }

  /** Rotates in Vault and returns the new (newest) version. */
  int rotate(ManagerKey key) {
    signer.rotate(key.signingKeyName());
    return newestVersion(key);
  }

  void retireBelow(ManagerKey key, int minVersion) {
    signer.retireVersionsBelow(key.signingKeyName(), minVersion);
  }

  int newestVersion(ManagerKey key) {
    return signer.publicKeys(key.signingKeyName()).stream()
        .mapToInt(PublicKeyVersion::version)
        .max()
        .orElseThrow();
  }

  /** The public key versions Vault still holds, as an OKP/Ed25519 JWK set. */
  public Map<String, Object> jwks(ManagerKey key) {
    List<OctetKeyPair> keys =
        signer.publicKeys(key.signingKeyName()).stream()
            .sorted(Comparator.comparingInt(PublicKeyVersion::version).reversed())
            .map(
                version ->
                    new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(version.publicKey()))
                        .keyID(kid(key.serverId(), version.version()))
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.EdDSA)
                        .issueTime(
                            version.createdAt() == null ? null : Date.from(version.createdAt()))
                        .build())
            .toList();
    return new JWKSet(List.copyOf(keys)).toJSONObject(true);
  }

  /**
   * A JWT for calling the server: {@code iss} = the manager, {@code aud} = the server URL, {@code
   * sub} = the owning user, EdDSA signed by Vault with the newest key version.
   */
  public String tokenFor(ManagerKey key) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(properties.manager().issuerId())
            .audience(key.serverUrl())
            .subject(key.ownerId())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now.minusSeconds(5)))
            .expirationTime(Date.from(now.plus(properties.manager().tokenTtl())))
            .jwtID(UUID.randomUUID().toString())
            .claim("mcp_server_id", key.serverId().toString())
            .build();
    int expectedVersion = key.keyVersion();
    for (int attempt = 0; attempt < 2; attempt++) {
      JWSHeader header =
          new JWSHeader.Builder(JWSAlgorithm.EdDSA)
              .type(JOSEObjectType.JWT)
              .keyID(kid(key.serverId(), expectedVersion))
              .build();
      String signingInput = header.toBase64URL() + "." + claims.toPayload().toBase64URL();
      SignatureValue signature =
          signer.sign(key.signingKeyName(), signingInput.getBytes(StandardCharsets.US_ASCII));
      if (signature.keyVersion() == expectedVersion) {
        return signingInput + "." + Base64URL.encode(signature.bytes());
      }
      expectedVersion = signature.keyVersion();
    }
    throw new IllegalStateException("the signing key rotated twice while signing");
  }

  public static String kid(UUID serverId, int version) {
    return serverId + ":v" + version;
  }
}
