package io.mcpmanager.kit.config;

import io.mcpmanager.kit.error.ProblemErrorController;
import io.mcpmanager.kit.error.ProblemHandler;
import io.mcpmanager.kit.error.ProblemResponses;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.inbox.Inbox;
import io.mcpmanager.kit.outbox.OutboxMetrics;
import io.mcpmanager.kit.outbox.OutboxProperties;
import io.mcpmanager.kit.outbox.OutboxRelay;
import io.mcpmanager.kit.outbox.OutboxRelayRunner;
import io.mcpmanager.kit.outbox.OutboxWriter;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.secrets.TransitSigner;
import io.mcpmanager.kit.secrets.VaultErrorMetrics;
import io.mcpmanager.kit.secrets.VaultProperties;
import io.mcpmanager.kit.security.CurrentUserArgumentResolver;
import io.mcpmanager.kit.security.ProblemSecurityHandlers;
import io.mcpmanager.kit.security.ResourceServerConfiguration;
import io.mcpmanager.kit.security.SecurityProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.ClientAuthentication;
import org.springframework.vault.authentication.LifecycleAwareSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultClients;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/** Wires the kit into every servlet service: errors, security, outbox, inbox, Vault, Flyway. */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"},
    // before Boot's error handling, so its BasicErrorController backs off for ProblemErrorController
    beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@EnableConfigurationProperties({OutboxProperties.class, VaultProperties.class, SecurityProperties.class})
@Import({ProblemHandler.class, ProblemErrorController.class, ResourceServerConfiguration.class})
public class ServiceKitAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Request fields are typed strictly: a number or boolean sent where the API expects a string
   * ({@code "access_token": 0}) is a 400 naming the field, not silently turned into {@code "0"}.
   */
  @Bean
  JsonMapperBuilderCustomizer strictScalarTypes() {
    return builder -> builder
        .withCoercionConfig(LogicalType.Textual, strings -> strings
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(LogicalType.Boolean, booleans -> booleans
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
  }

  @Bean
  ProblemResponses problemResponses(ObjectProvider<Tracer> tracer) {
    return new ProblemResponses(tracer);
  }

  @Bean
  ProblemSecurityHandlers problemSecurityHandlers(ProblemResponses problems, JsonMapper json) {
    return new ProblemSecurityHandlers(problems, json);
  }

  @Bean
  WebMvcConfigurer currentUserResolver() {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
      }
    };
  }

  @Bean
  @ConditionalOnMissingBean
  FlywayMigrationStrategy platformFlywayStrategy() {
    return new PlatformFlywayStrategy();
  }

  @Bean
  OutboxWriter outboxWriter(JdbcClient jdbc, JsonMapper json) {
    return new OutboxWriter(jdbc, json);
  }

  @Bean
  CredentialEvents credentialEvents(OutboxWriter outbox, Environment environment, Clock clock,
      ObjectProvider<Tracer> tracer) {
    return new CredentialEvents(outbox, environment.getRequiredProperty("spring.application.name"),
        clock, tracer);
  }

  @Bean
  OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions,
      KafkaTemplate<String, String> kafka, OutboxProperties properties, MeterRegistry registry) {
    OutboxMetrics.register(registry, jdbc);
    return new OutboxRelay(jdbc, transactions, kafka, properties, registry);
  }

  @Bean
  @ConditionalOnProperty(name = "mcpm.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
  OutboxRelayRunner outboxRelayRunner(OutboxRelay relay, OutboxProperties properties) {
    return new OutboxRelayRunner(relay, properties);
  }

  @Bean
  Inbox inbox(JdbcClient jdbc) {
    return new Inbox(jdbc);
  }

  @Bean
  @ConditionalOnMissingBean
  VaultTemplate vaultTemplate(VaultProperties properties) {
    VaultEndpoint endpoint = VaultEndpoint.from(properties.uri());
    SimpleClientHttpRequestFactory http = new SimpleClientHttpRequestFactory();
    http.setConnectTimeout(properties.connectTimeout());
    http.setReadTimeout(properties.readTimeout());
    // Renews the login token before it expires and logs in again when it cannot (AppRole tokens have a max TTL).
    ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    scheduler.setThreadNamePrefix("vault-session-");
    scheduler.setDaemon(true);
    scheduler.initialize();
    LifecycleAwareSessionManager sessions = new LifecycleAwareSessionManager(
        authentication(properties, endpoint, http), scheduler, VaultClients.createRestTemplate(endpoint, http));
    return new VaultTemplate(endpoint, http, sessions);
  }

  private static ClientAuthentication authentication(VaultProperties properties, VaultEndpoint endpoint,
      SimpleClientHttpRequestFactory http) {
    VaultProperties.AppRole appRole = properties.appRole();
    if (appRole != null && appRole.roleId() != null && !appRole.roleId().isBlank()) {
      AppRoleAuthenticationOptions options = AppRoleAuthenticationOptions.builder()
          .roleId(AppRoleAuthenticationOptions.RoleId.provided(appRole.roleId()))
          .secretId(AppRoleAuthenticationOptions.SecretId.provided(appRole.secretId()))
          .build();
      return new AppRoleAuthentication(options, VaultClients.createRestTemplate(endpoint, http));
    }
    if (properties.token() == null || properties.token().isBlank()) {
      throw new IllegalStateException("No Vault credentials: set VAULT_TOKEN (local stack) or"
          + " mcpm.vault.app-role.role-id and secret-id");
    }
    return new TokenAuthentication(properties.token());
  }

  @Bean
  SecretCipher secretCipher(VaultTemplate vault, VaultProperties properties, Environment environment) {
    String key = properties.transitKey() != null ? properties.transitKey()
        : environment.getRequiredProperty("spring.application.name");
    return new SecretCipher(vault.opsForTransit(properties.transitPath()), key);
  }

  @Bean
  TransitSigner transitSigner(VaultTemplate vault, VaultProperties properties) {
    return new TransitSigner(vault, properties.transitPath());
  }

  @Bean
  VaultErrorMetrics vaultErrorMetrics() {
    return new VaultErrorMetrics();
  }
}
