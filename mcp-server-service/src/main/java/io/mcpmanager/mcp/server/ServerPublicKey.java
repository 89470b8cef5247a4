package io.mcpmanager.mcp.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The public key an MCP server signs its requests to the manager with (Ed25519, RSA of at least
 * 2048 bits or EC P-256), given as PEM (SubjectPublicKeyInfo) or as a public JWK. Private key
 * material is refused. Stored normalised as PEM.
 */
public final class ServerPublicKey {

  /** The algorithms a server key may have, with the JWS algorithm it signs with. */
  public enum Algorithm {
    ED25519(JWSAlgorithm.EdDSA),
    RSA(JWSAlgorithm.RS256),
    EC_P256(JWSAlgorithm.ES256);

    private final JWSAlgorithm jws;

    Algorithm(JWSAlgorithm jws) {
      this.jws = jws;
    }

    public JWSAlgorithm jws() {
      return jws;
    }
  }

  private static final byte[] ED25519_SPKI_PREFIX =
      HexFormat.of().parseHex("302a300506032b6570032100");

  private final PublicKey key;
  private final Algorithm algorithm;

  private ServerPublicKey(PublicKey key, Algorithm algorithm) {
    this.key = key;
    this.algorithm = algorithm;
  }

  public static ServerPublicKey parse(String text) {
    if (text == null || text.isBlank()) {
      throw InvalidServerException.publicKey("missing", "The server public key is empty");
    }
    String trimmed = text.strip();
    if (trimmed.contains("PRIVATE KEY")) {
      throw InvalidServerException.publicKey(
          "private_key_submitted", "That is a private key; register only the server's public key");
    }
    PublicKey key = trimmed.startsWith("{") ? fromJwk(trimmed) : fromPem(trimmed);
    return new ServerPublicKey(key, algorithmOf(key));
  }

  /** Parses a key stored earlier by {@link #pem()}. */
  public static ServerPublicKey stored(String pem) {
    return parse(pem);
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  /** SHA-256 of the encoded key, in hex: names a key in an event without the key itself. */
  public String fingerprint() {
    try {
      return HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  public String pem() {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
  }

  /**
   * Verifies a JWS signature over {@code signingInput}; the header must name this key's algorithm.
   */
  public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
    if (!algorithm.jws().equals(header.getAlgorithm())) {
      return false;
    }
    try {
      return switch (algorithm) {
        case ED25519 -> {
          Signature verifier = Signature.getInstance("Ed25519");
          verifier.initVerify(key);
          verifier.update(signingInput);
          yield verifier.verify(signature.decode());
        }
        case RSA -> new RSASSAVerifier((RSAPublicKey) key).verify(header, signingInput, signature);
        case EC_P256 ->
            new ECDSAVerifier((ECPublicKey) key).verify(header, signingInput, signature);
      };
    } catch (GeneralSecurityException | JOSEException e) {
      return false;
    }
  }

  private static PublicKey fromPem(String pem) {
    if (!pem.startsWith("-----BEGIN PUBLIC KEY-----")
        || !pem.contains("-----END PUBLIC KEY-----")) {
      throw InvalidServerException.publicKey(
          "unsupported_format", "Expected a PEM public key (BEGIN PUBLIC KEY) or a public JWK");
    }
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw InvalidServerException.publicKey("unparsable", "The PEM body is not valid base64");
    }
    for (String family : new String[] {"Ed25519", "RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next family
      }
    }
    throw InvalidServerException.publicKey(
        "unsupported_key_type", "The key is not an Ed25519, RSA or EC public key");
  }

  private static PublicKey fromJwk(String json) {
    JWK jwk;
    try {
      jwk = JWK.parse(json);
    } catch (ParseException e) {
      throw InvalidServerException.publicKey("unparsable", "The JWK cannot be parsed");
    }
    if (jwk.isPrivate()) {
      throw InvalidServerException.publicKey(
          "private_key_submitted",
          "That JWK holds private key material; register only the public part");
    }
    try {
      if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
        byte[] raw = okp.getDecodedX();
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      }
      if (jwk instanceof RSAKey rsa) {
        return rsa.toRSAPublicKey();
      }
      if (jwk instanceof ECKey ec) {
        return ec.toECPublicKey();
      }
    } catch (GeneralSecurityException | JOSEException e) {
      throw InvalidServerException.publicKey(
          "unparsable", "The JWK does not describe a valid public key");
    }
    throw InvalidServerException.publicKey(
        "unsupported_key_type", "The JWK is not an Ed25519 (OKP), RSA or EC key");
  }

  private static Algorithm algorithmOf(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      if (rsa.getModulus().bitLength() < 2048) {
        throw InvalidServerException.publicKey("key_too_weak", "RSA keys need at least 2048 bits");
      }
      return Algorithm.RSA;
    }
    if (key instanceof ECPublicKey ec) {
      ECParameterSpec p256 = Curve.P_256.toECParameterSpec();
      if (!ec.getParams().getCurve().equals(p256.getCurve())) {
        throw InvalidServerException.publicKey(
            "unsupported_curve", "EC keys must use the P-256 curve");
      }
      return Algorithm.EC_P256;
    }
    if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
      return Algorithm.ED25519;
    }
    throw InvalidServerException.publicKey(
        "unsupported_key_type", "The key is not an Ed25519, RSA or EC public key");
  }
}
