package io.mcpmanager.git.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code git.*} as the application binds it: defaults in the record, validated at startup. */
class GitPropertiesTests {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GitProperties.class)
  static class Binding {}

  final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(Binding.class);

  @Test
  void shouldHoldEveryDefaultWhenNothingIsConfigured() {
    context.run(
        c -> {
          GitProperties git = c.getBean(GitProperties.class);
          assertThat(git.oauth().callbackBaseUrl()).isEqualTo("http://127.0.0.1:8080");
          assertThat(git.oauth().allowedReturnUrls()).isEmpty();
          assertThat(git.credentials().kvPath()).isEqualTo("git-connection-service/providers");
          assertThat(git.http().readTimeout()).isEqualTo(Duration.ofSeconds(15));
          assertThat(git.connections().expiresSoonWindow()).isEqualTo(Duration.ofMinutes(30));
          assertThat(git.refresh().leadTime()).isEqualTo(Duration.ofMinutes(10));
          assertThat(git.refresh().attemptDelay()).isEqualTo(Duration.ofMillis(200));
          assertThat(git.revocation().retryBackoff()).isEqualTo(Duration.ofMinutes(5));
          assertThat(git.revocation().batchSize()).isEqualTo(50);
          assertThat(git.sync().maxPages()).isEqualTo(500);
          assertThat(git.jobs().enabled()).isTrue();
          assertThat(git.jobs().lockAtMostFor()).isEqualTo(Duration.ofMinutes(10));
          assertThat(git.provider("github").baseUrl()).isNull();
          assertThat(git.provider("github").scopes()).isEmpty();
        });
  }

  @Test
  void shouldReadTheExistingKeysWithBootsDurationForm() {
    context
        .withPropertyValues(
            "git.refresh.scan-interval=30s",
            "git.revocation.retry-backoff=2h",
            "git.providers.gitlab.base-url=https://gitlab.example.test",
            "git.providers.gitlab.scopes=read_api")
        .run(
            c -> {
              GitProperties git = c.getBean(GitProperties.class);
              assertThat(git.refresh().scanInterval()).isEqualTo(Duration.ofSeconds(30));
              assertThat(git.revocation().retryBackoff()).isEqualTo(Duration.ofHours(2));
              assertThat(git.provider("gitlab").baseUrl())
                  .hasToString("https://gitlab.example.test");
              assertThat(git.provider("gitlab").scopes()).containsExactly("read_api");
            });
  }

  @Test
  void shouldRefuseToStartWithAnInvalidValue() {
    context
        .withPropertyValues("git.refresh.attempts=0", "git.oauth.frontend-url=")
        .run(
            c -> {
              assertThat(c).hasFailed();
              assertThat(c.getStartupFailure())
                  .rootCause()
                  .hasMessageContaining("refresh.attempts")
                  .hasMessageContaining("oauth.frontendUrl");
            });
  }
}
