package io.mcpmanager.kit.secrets;

import java.util.Objects;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/**
 * Vault Transit for secrets at rest: the logged-in {@link VaultTemplate}, the service's {@link
 * SecretCipher} and the {@code mcpm.vault.errors} counters. On unless {@code
 * mcpm.vault.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass(VaultTemplate.class)
@ConditionalOnProperty(
    prefix = "mcpm.vault",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(VaultProperties.class)
public class VaultAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(VaultTemplate.class)
  VaultSessions vaultSessions(VaultProperties properties) {
    return new VaultSessions(
        authentication(properties), VaultEndpoint.from(properties.uri()), http(properties));
  }

  @Bean
  @ConditionalOnMissingBean
  VaultTemplate vaultTemplate(VaultProperties properties, VaultSessions sessions) {
    return new VaultTemplate(
        VaultEndpoint.from(properties.uri()), http(properties), sessions.sessionManager());
  }

  private static SimpleClientHttpRequestFactory http(VaultProperties properties) {
    SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
    http.setConnectTimeout(properties.connectTimeout());
    http.setReadTimeout(properties.readTimeout());
    return http;
  }

  private static ClientAuthentication authentication(VaultProperties properties) {
    VaultProperties.AppRole appRole = properties.appRole();
    if (appRole != null && appRole.roleId() != null && !appRole.roleId().isBlank()) {
      AppRoleAuthenticationOptions options =
          AppRoleAuthenticationOptions.builder()
              .roleId(AppRoleAuthenticationOptions.RoleId.provided(appRole.roleId()))
              .secretId(
                  AppRoleAuthenticationOptions.SecretId.provided(
                      Objects.requireNonNull(
                          appRole.secretId(),
                          "mcpm.vault.app-role.secret-id is required with a role id")))
              .build();
      return new AppRoleAuthentication(
          options,
          VaultClients.createRestTemplate(VaultEndpoint.from(properties.uri()), http(properties)));
    }
    if (properties.token() == null || properties.token().isBlank()) {
      throw new IllegalStateException(
          "No Vault credentials: set VAULT_TOKEN (local stack) or"
              + " mcpm.vault.app-role.role-id and secret-id");
    }
    return new TokenAuthentication(properties.token());
  }

  @Bean
  @ConditionalOnMissingBean
  SecretCipher secretCipher(
      VaultTemplate vault, VaultProperties properties, Environment environment) {
    String key =
        properties.transitKey() != null
            ? properties.transitKey()
            : environment.getRequiredProperty("spring.application.name");
    return new SecretCipher(vault.opsForTransit(properties.transitPath()), key);
  }

  @Bean
  VaultErrorMetrics vaultErrorMetrics() {
    return new VaultErrorMetrics();
  }
}
