package io.mcpmanager.kit.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.vault.core.VaultTemplate;

/**
 * The Vault part of the kit: on by default, off by property, and its session scheduler stops with
 * the context.
 */
class VaultAutoConfigurationTests {

  // Building the beans does not call Vault: a token login is only used on the first request.
  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  VaultAutoConfiguration.class, TransitSignerAutoConfiguration.class))
          .withPropertyValues(
              "spring.application.name=some-service",
              "mcpm.vault.uri=http://127.0.0.1:1",
              "mcpm.vault.token=test-token");

  @Test
  void shouldWireTheCipherAndTheSignerByDefault() {
    contexts.run(
        context ->
            assertThat(context)
                .hasSingleBean(VaultTemplate.class)
                .hasSingleBean(SecretCipher.class)
                .hasSingleBean(TransitSigner.class)
                .hasSingleBean(VaultErrorMetrics.class));
  }

  @Test
  void shouldWireNoVaultPartWhenDisabled() {
    contexts
        .withPropertyValues("mcpm.vault.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .hasNotFailed()
                    .doesNotHaveBean(VaultTemplate.class)
                    .doesNotHaveBean(VaultSessions.class)
                    .doesNotHaveBean(SecretCipher.class)
                    .doesNotHaveBean(TransitSigner.class));
  }

  @Test
  void shouldTerminateTheSessionSchedulerWhenTheContextCloses() {
    AtomicReference<ScheduledExecutorService> executor = new AtomicReference<>();
    contexts.run(
        context -> {
          ScheduledExecutorService running =
              context.getBean(VaultSessions.class).scheduler().getScheduledExecutor();
          assertThat(running.isShutdown()).isFalse();
          executor.set(running);
        });

    assertThat(executor.get().isTerminated()).isTrue();
  }
}
