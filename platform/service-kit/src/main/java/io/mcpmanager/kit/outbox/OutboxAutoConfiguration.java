package io.mcpmanager.kit.outbox;

import io.mcpmanager.events.Topics;
import io.mcpmanager.kit.config.ServiceKitAutoConfiguration;
import io.mcpmanager.kit.events.CredentialEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox of a service that records credential events: the writer, the events
 * facade, the relay to Kafka and its backlog metrics. A service that records no events
 * (audit-service only consumes them) sets {@code mcpm.outbox.enabled=false} and runs none of it;
 * {@code mcpm.outbox.relay-enabled=false} keeps the writer but stops publishing (tests that read
 * the table).
 */
@AutoConfiguration(
    after = ServiceKitAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
      "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
      "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
    })
@ConditionalOnClass({JdbcClient.class, KafkaTemplate.class})
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(
    prefix = "mcpm.outbox",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  OutboxWriter outboxWriter(JdbcClient jdbc, JsonMapper json, Environment environment) {
    return new OutboxWriter(
        jdbc, json, Topics.eventsOf(environment.getRequiredProperty("spring.application.name")));
  }

  @Bean
  @ConditionalOnMissingBean
  CredentialEvents credentialEvents(
      OutboxWriter outbox, Environment environment, Clock clock, ObjectProvider<Tracer> tracer) {
    return new CredentialEvents(
        outbox, environment.getRequiredProperty("spring.application.name"), clock, tracer);
  }

  @Bean
  OutboxRelay outboxRelay(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<String, String> kafka,
      OutboxProperties properties,
      MeterRegistry registry) {
    OutboxMetrics.register(registry, jdbc);
    return new OutboxRelay(jdbc, transactions, kafka, properties, registry);
  }

  @Bean
  @ConditionalOnProperty(
      prefix = "mcpm.outbox",
      name = "relay-enabled",
      havingValue = "true",
      matchIfMissing = true)
  OutboxRelayRunner outboxRelayRunner(OutboxRelay relay, OutboxProperties properties) {
    return new OutboxRelayRunner(relay, properties);
  }
}
