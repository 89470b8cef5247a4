package io.mcpmanager.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.git.provider.ProviderCredentials;
import io.mcpmanager.testsupport.OpenBaoServer;
import io.mcpmanager.testsupport.ServiceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Client credentials come from the environment or, when it has none, from Vault KV. */
@ServiceTest
class ProviderCredentialsTests {

  @Autowired ProviderCredentials credentials;

  static io.mcpmanager.git.provider.ProviderSettings settings(String id, String secret) {
    return new io.mcpmanager.git.provider.ProviderSettings(
        java.net.URI.create("https://git.example.test"), null, id, secret, java.util.List.of());
  }

  @Test
  void shouldPreferTheEnvironmentAndFallBackToVaultKv() {
    String provider = "gitea-" + UUID.randomUUID();
    String secret = UUID.randomUUID().toString();
    OpenBaoServer.shared()
        .request(
            "POST",
            "/v1/secret/data/git-connection-service/providers/" + provider,
            "{\"data\":{\"client_id\":\"kv-client\",\"client_secret\":\"" + secret + "\"}}");

    ProviderCredentials.Credentials fromKv = credentials.resolve(provider, settings(null, null));
    ProviderCredentials.Credentials fromEnv =
        credentials.resolve(provider, settings("env-client", "env-secret"));

    assertThat(fromKv.clientId()).isEqualTo("kv-client");
    assertThat(fromKv.clientSecret()).isEqualTo(secret);
    assertThat(fromKv.toString()).doesNotContain(secret);
    assertThat(fromEnv.clientId()).isEqualTo("env-client");
    assertThat(credentials.resolve("unknown-" + UUID.randomUUID(), settings(null, null))).isNull();
  }
}
