package io.mcpmanager.auth.pat;

import io.mcpmanager.kit.secrets.KeyedHash;
import io.mcpmanager.kit.secrets.VaultProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.vault.core.VaultTemplate;

/**
 * The keyed hash of token secrets is a Vault Transit HMAC: the key never leaves Vault, so neither a
 * database copy nor this process's memory gives anything to test guessed tokens against. It costs
 * one Vault call per creation and per resolution, and the gateway resolves a token at most once per
 * cache period (5 s), not per request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PatProperties.class)
class PatConfiguration {

  @Bean
  KeyedHash patSecretHash(
      VaultTemplate vault, VaultProperties vaultProperties, PatProperties pats) {
    return new KeyedHash(vault.opsForTransit(vaultProperties.transitPath()), pats.hashKey());
  }
}
