package io.mcpmanager.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.mcpmanager.mcp.testdata.ServerSigningKey;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The keys a server may register to sign broker requests, and what is refused. */
class ServerPublicKeyTests {

  private static String pem(byte[] der) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END PUBLIC KEY-----";
  }

  private static String reason(String text) {
    try {
      ServerPublicKey.parse(text);
      return "accepted";
    } catch (InvalidServerException e) {
      return String.valueOf(e.properties().get("reason"));
    }
  }

  @Test
  void shouldAcceptAnEd25519KeyAsPemOrPublicJwkAndStoreItAsPem() {
    String pem = ServerSigningKey.generate().publicKeyPem();
    ServerPublicKey fromPem = ServerPublicKey.parse(pem);

    String jwk =
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
    ServerPublicKey fromJwk = ServerPublicKey.parse(jwk);

    assertThat(fromPem.algorithm()).isEqualTo(ServerPublicKey.Algorithm.ED25519);
    assertThat(fromJwk.algorithm()).isEqualTo(ServerPublicKey.Algorithm.ED25519);
    assertThat(fromJwk.pem()).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(ServerPublicKey.stored(fromJwk.pem()).pem()).isEqualTo(fromJwk.pem());
  }

  @Test
  void shouldVerifyRs256AndEs256SignaturesOfStrongEnoughKeys() throws Exception {
    RSAKey rsa = new RSAKeyGenerator(2048).generate();
    ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
    JWSObject rsaSigned =
        new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("{\"iss\":\"x\"}"));
    rsaSigned.sign(new RSASSASigner(rsa));
    JWSObject ecSigned =
        new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"iss\":\"x\"}"));
    ecSigned.sign(new ECDSASigner(ec));

    ServerPublicKey rsaKey = ServerPublicKey.parse(pem(rsa.toRSAPublicKey().getEncoded()));
    ServerPublicKey ecKey = ServerPublicKey.parse(ec.toPublicJWK().toJSONString());

    assertThat(
            rsaKey.verify(
                rsaSigned.getHeader(), rsaSigned.getSigningInput(), rsaSigned.getSignature()))
        .isTrue();
    assertThat(
            ecKey.verify(ecSigned.getHeader(), ecSigned.getSigningInput(), ecSigned.getSignature()))
        .isTrue();
    assertThat(
            ecKey.verify(
                rsaSigned.getHeader(), rsaSigned.getSigningInput(), rsaSigned.getSignature()))
        .isFalse();
  }

  @Test
  void shouldRefuseWeakKeysOtherCurvesPrivateKeysAndGarbage() throws Exception {
    KeyPairGenerator weak = KeyPairGenerator.getInstance("RSA");
    weak.initialize(1024);
    RSAPublicKey rsa1024 = (RSAPublicKey) weak.generateKeyPair().getPublic();
    ECKey p384 = new ECKeyGenerator(Curve.P_384).generate();
    OctetKeyPair x25519 =
        new OctetKeyPair.Builder(
                Curve.X25519, com.nimbusds.jose.util.Base64URL.encode(new byte[32]))
            .build();

    assertThat(reason(pem(rsa1024.getEncoded()))).isEqualTo("key_too_weak");
    assertThat(reason(p384.toPublicJWK().toJSONString())).isEqualTo("unsupported_curve");
    assertThat(reason(x25519.toJSONString())).isEqualTo("unsupported_key_type");
    assertThat(reason(p384.toJSONString())).isEqualTo("private_key_submitted");
    assertThat(reason("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----"))
        .isEqualTo("unparsable");
    assertThat(reason("ssh-ed25519 AAAA")).isEqualTo("unsupported_format");
    assertThatThrownBy(() -> ServerPublicKey.parse(" ")).isInstanceOf(InvalidServerException.class);
  }
}
