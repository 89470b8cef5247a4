package io.mcpmanager.kit.secrets;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.vault.core.VaultTemplate;

/**
 * Signing keys kept inside Vault Transit ({@link TransitSigner}), wherever the service reaches
 * Vault.
 */
@AutoConfiguration(after = VaultAutoConfiguration.class)
@ConditionalOnBean(VaultTemplate.class)
@EnableConfigurationProperties(VaultProperties.class)
public class TransitSignerAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TransitSigner transitSigner(VaultTemplate vault, VaultProperties properties) {
    return new TransitSigner(vault, properties.transitPath());
  }
}
