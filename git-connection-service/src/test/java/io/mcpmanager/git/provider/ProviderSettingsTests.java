package io.mcpmanager.git.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.git.config.GitProperties;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ProviderSettingsTests {

  static StandardEnvironment environment(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    return environment;
  }

  /** {@code git.*} bound the way the application binds it, from environment variables only. */
  static GitProperties bind(Map<String, Object> variables) {
    return Binder.get(environment(variables)).bindOrCreate("git", GitProperties.class);
  }

  @Test
  void shouldBindClientCredentialsAndBaseUrlFromEnvironmentVariables() {
    ProviderSettings settings =
        ProviderSettings.of(
            bind(Map.of(
                    "GIT_PROVIDERS_GITHUB_CLIENT_ID",
                    "Iv1.abc",
                    "GIT_PROVIDERS_GITHUB_CLIENT_SECRET",
                    "s3cret",
                    "GIT_PROVIDERS_GITHUB_BASE_URL",
                    "https://ghe.example.com"))
                .provider("github"),
            URI.create("https://github.com"));

    assertThat(settings.clientId()).isEqualTo("Iv1.abc");
    assertThat(settings.clientSecret()).isEqualTo("s3cret");
    assertThat(settings.hasCredentials()).isTrue();
    assertThat(settings.resolve("/login/oauth/authorize"))
        .hasToString("https://ghe.example.com/login/oauth/authorize");
    assertThat(settings.toString()).doesNotContain("s3cret");
  }

  @Test
  void shouldDefaultToTheHostedServiceWithoutCredentials() {
    ProviderSettings settings =
        ProviderSettings.of(bind(Map.of()).provider("gitlab"), URI.create("https://gitlab.com"));

    assertThat(settings.baseUrl()).hasToString("https://gitlab.com");
    assertThat(settings.hasCredentials()).isFalse();
  }
}
