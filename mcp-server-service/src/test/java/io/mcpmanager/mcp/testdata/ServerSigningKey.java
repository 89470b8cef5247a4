package io.mcpmanager.mcp.testdata;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/** An MCP server's own Ed25519 key pair, signing broker requests as a real server would. */
public final class ServerSigningKey {

  private final KeyPair pair;

  private ServerSigningKey(KeyPair pair) {
    this.pair = pair;
  }

  public static ServerSigningKey generate() {
    try {
      return new ServerSigningKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** A valid broker token: iss = server id, aud = the manager, 2 minutes, fresh jti. */
  public String brokerToken(UUID serverId) {
    return brokerToken(
        new JWTClaimsSet.Builder()
            .issuer(serverId.toString())
            .audience(TestMcpServer.ISSUER)
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(2))))
            .jwtID(UUID.randomUUID().toString())
            .build());
  }

  public String brokerToken(JWTClaimsSet claims) {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(JOSEObjectType.JWT).build();
    String input = header.toBase64URL() + "." + claims.toPayload().toBase64URL();
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(pair.getPrivate());
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + Base64URL.encode(signer.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
