package io.mcpmanager.git.testdata;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points every git-connection-service context of the test JVM at the WireMock stand-ins and gives
 * it a freshly generated OAuth state key and provider client secrets (nothing secret lives in a
 * file). Registered in META-INF/spring.factories of the test classpath.
 */
public final class FakeProviders
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static FakeProvider github;
  private static FakeProvider gitlab;

  public static synchronized FakeProvider github() {
    if (github == null) {
      github = FakeProvider.github().reset(null, false);
    }
    return github;
  }

  public static synchronized FakeProvider gitlab() {
    if (gitlab == null) {
      gitlab = FakeProvider.gitlab().reset(7200L, true);
    }
    return gitlab;
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, Object> properties = new HashMap<>();
    properties.put("mcpm.oauth.state-key", Base64.getEncoder().encodeToString(key));
    for (FakeProvider p : new FakeProvider[] {github(), gitlab()}) {
      properties.put("git.providers." + p.id() + ".base-url", p.baseUrl());
      properties.put("git.providers." + p.id() + ".client-id", p.clientId());
      properties.put("git.providers." + p.id() + ".client-secret", p.clientSecret());
    }
    properties.put("git.oauth.frontend-url", "https://app.example.test/git/connections");
    properties.put("git.oauth.allowed-return-urls", "https://app.example.test/");
    properties.put("git.jobs.enabled", "false");
    // Tests read events from the outbox table; the relay to Kafka is the kit's concern and tested
    // there.
    properties.put("mcpm.outbox.relay-enabled", "false");
    properties.put("mcpm.vault.rotation.enabled", "false");
    properties.put("git.refresh.attempt-delay", "10ms");
    properties.put("git.sync.unavailable-backoff", "10ms");
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource("fakeGitProviders", properties));
  }
}
