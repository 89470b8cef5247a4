package io.mcpmanager.auth.key;

import io.mcpmanager.kit.secrets.rotation.CiphertextStore;
import io.mcpmanager.kit.secrets.rotation.JdbcCiphertextStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one column of auth-server that holds a ciphertext of its Transit key, for the service kit's
 * rewrap job: the private halves of the token signing keys, all encrypted with the context {@value
 * SigningKeyStore#OWNER}. The entity never rewrites that column (it is not updatable), so retiring
 * a key loaded before a rewrap cannot write the old ciphertext back.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyCiphertexts {

  @Bean
  CiphertextStore signingKeyPrivateHalves(JdbcClient jdbc) {
    return JdbcCiphertextStore.of(jdbc, "signing_key", "private_jwk_ciphertext")
        .keyedBy("kid")
        .ownedByAll(SigningKeyStore.OWNER);
  }
}
