package io.mcpmanager.audit.checkpoint;

import io.mcpmanager.kit.secrets.TransitSigner.PublicKeyVersion;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks checkpoint signatures locally with the ed25519 public keys read from Transit once, so a
 * verification of many checkpoints makes one Vault call.
 */
public final class CheckpointSignatures {

  /** DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte ed25519 key. */
  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private final String keyName;
  private final Map<Integer, PublicKey> keys;

  private CheckpointSignatures(String keyName, Map<Integer, PublicKey> keys) {
    this.keyName = keyName;
    this.keys = keys;
  }

  static CheckpointSignatures of(String keyName, List<PublicKeyVersion> versions) {
    return new CheckpointSignatures(
        keyName,
        versions.stream()
            .collect(
                Collectors.toMap(
                    PublicKeyVersion::version, v -> publicKey(v.publicKey()), (a, b) -> a)));
  }

  /** True when the checkpoint names this key and its signature holds for a known key version. */
  public boolean verifies(Checkpoint checkpoint) {
    PublicKey key = keys.get(checkpoint.keyVersion());
    if (key == null || !keyName.equals(checkpoint.keyName())) {
      return false;
    }
    try {
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initVerify(key);
      ed25519.update(checkpoint.payload());
      return ed25519.verify(checkpoint.signature());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  static PublicKey publicKey(byte[] raw) {
    byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
    System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
    System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("not an ed25519 public key", e);
    }
  }
}
