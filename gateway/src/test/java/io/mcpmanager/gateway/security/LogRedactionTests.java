package io.mcpmanager.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.gateway.testsupport.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The gateway's structured log lines are redacted like the services' (#14 item 11). */
@ExtendWith(OutputCaptureExtension.class)
class LogRedactionTests extends GatewayIntegrationTest {

  private static final Logger log = LoggerFactory.getLogger("io.mcpmanager.gateway.security");

  @Test
  void shouldMaskBearerTokensAndProviderTokensInTheGatewaysLogLines(CapturedOutput output) {
    String jwt = issuer.tokenForNewUser();
    String googleRefresh = "1//0g" + "Xy7".repeat(20);

    log.warn("relaying Authorization: Bearer {} with refresh token {}", jwt, googleRefresh);

    assertThat(output.getOut())
        .contains("relaying Authorization", "[REDACTED]")
        .doesNotContain(jwt, googleRefresh);
  }
}
