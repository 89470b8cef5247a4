package io.mcpmanager.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.kit.config.ServiceKitAutoConfiguration;
import io.mcpmanager.kit.events.CredentialEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Which parts of the outbox a service gets; nothing here connects to a database or a broker. */
class OutboxAutoConfigurationTests {

  private static final DataSource UNUSED = new SimpleDriverDataSource();

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ServiceKitAutoConfiguration.class, OutboxAutoConfiguration.class))
          .withPropertyValues(
              "spring.application.name=some-service", "mcpm.outbox.poll-interval=1h")
          .withBean(DataSource.class, () -> UNUSED)
          .withBean(JdbcClient.class, () -> JdbcClient.create(UNUSED))
          .withBean(
              TransactionTemplate.class,
              () -> new TransactionTemplate(new DataSourceTransactionManager(UNUSED)))
          .withBean(JsonMapper.class, () -> JsonMapper.builder().build())
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .withBean(
              KafkaTemplate.class,
              () ->
                  new KafkaTemplate<>(
                      new DefaultKafkaProducerFactory<>(
                          Map.<String, Object>of("bootstrap.servers", "127.0.0.1:1"))));

  @Test
  void shouldWriteAndRelayEventsByDefault() {
    contexts.run(
        context ->
            assertThat(context)
                .hasSingleBean(OutboxWriter.class)
                .hasSingleBean(CredentialEvents.class)
                .hasSingleBean(OutboxRelay.class)
                .hasSingleBean(OutboxRelayRunner.class));
  }

  @Test
  void shouldKeepTheWriterButNotPublishWhenOnlyTheRelayIsOff() {
    contexts
        .withPropertyValues("mcpm.outbox.relay-enabled=false")
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(CredentialEvents.class)
                    .doesNotHaveBean(OutboxRelayRunner.class));
  }

  @Test
  void shouldWireNoOutboxInAServiceThatRecordsNoEvents() {
    contexts
        .withPropertyValues("mcpm.outbox.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(OutboxWriter.class)
                    .doesNotHaveBean(CredentialEvents.class)
                    .doesNotHaveBean(OutboxRelay.class)
                    .doesNotHaveBean(OutboxRelayRunner.class));
  }

  @Test
  void shouldWireNoOutboxWithoutADatabase() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(ServiceKitAutoConfiguration.class, OutboxAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OutboxWriter.class));
  }
}
