package io.mcpmanager.kit.secrets.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.kit.secrets.VaultAutoConfiguration;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The rewrap job exists where there is something to rewrap and is scheduled unless switched off.
 */
class RotationAutoConfigurationTests {

  // Building the beans does not call Vault: a token login is only used on the first request.
  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(VaultAutoConfiguration.class, RotationAutoConfiguration.class))
          .withBean(LockingTaskExecutor.class, () -> Mockito.mock(LockingTaskExecutor.class))
          .withPropertyValues(
              "spring.application.name=some-service",
              "mcpm.vault.uri=http://127.0.0.1:1",
              "mcpm.vault.token=test-token");

  @Test
  void shouldScheduleTheJobOfAServiceWithCiphertextStores() {
    contexts
        .withBean("notes", CiphertextStore.class, EmptyStore::new)
        .run(
            context -> {
              assertThat(context).hasSingleBean(RewrapJob.class);
              ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
              context
                  .getBeansOfType(SchedulingConfigurer.class)
                  .values()
                  .forEach(c -> c.configureTasks(registrar));
              assertThat(registrar.getFixedDelayTaskList())
                  .singleElement()
                  .satisfies(
                      task ->
                          assertThat(task.getRunnable())
                              .hasToString("SingleReplicaJob[vault-rewrap]"));
            });
  }

  @Test
  void shouldKeepTheJobButNotScheduleItWhenDisabled() {
    contexts
        .withBean("notes", CiphertextStore.class, EmptyStore::new)
        .withPropertyValues("mcpm.vault.rotation.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .hasSingleBean(RewrapJob.class)
                    .doesNotHaveBean(SchedulingConfigurer.class));
  }

  @Test
  void shouldGiveAServiceWithoutStoresNoJob() {
    contexts.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RewrapJob.class));
  }

  @Test
  void shouldRefuseAnAutoRotationPeriodVaultWouldRefuse() {
    contexts
        .withBean("notes", CiphertextStore.class, EmptyStore::new)
        .withPropertyValues("mcpm.vault.rotation.auto-rotate-period=30m")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("at least 1h"));
  }

  private static final class EmptyStore implements CiphertextStore {
    @Override
    public String name() {
      return "note.secret";
    }

    @Override
    public Map<Integer, Long> countByKeyVersion() {
      return Map.of();
    }

    @Override
    public List<StoredCiphertext> nextBelow(int version, @Nullable Object afterId, int limit) {
      return List.of();
    }

    @Override
    public boolean replace(StoredCiphertext stored, String rewrapped) {
      return false;
    }
  }
}
