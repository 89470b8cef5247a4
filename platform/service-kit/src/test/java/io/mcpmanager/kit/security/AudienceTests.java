package io.mcpmanager.kit.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A service accepts only tokens whose {@code aud} names it ({@code mcpm.security.audience}, here
 * {@code integration-service}): a token another service got for its own callee is refused.
 */
@ServiceTest
class AudienceTests {

  private static final TestJwtIssuer issuer = TestJwtIssuer.shared();

  @Autowired MockMvc mvc;

  @Test
  void shouldRefuseATokenForAnotherService() throws Exception {
    getNote(issuer.serviceTokenFor("git-connection-service", "mcp-server-service", "git.broker"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.type").value(ProblemTypes.UNAUTHORIZED.toString()));
  }

  @Test
  void shouldRefuseATokenNamingOnlyTheGatewaysAudience() throws Exception {
    getNote(
            issuer.token(
                "alice",
                List.of("USER"),
                TestJwtIssuer.API_SCOPES,
                Duration.ofMinutes(5),
                Map.of("aud", List.of("mcpm-api"))))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void shouldAcceptAPersonsTokenNamingTheService() throws Exception {
    getNote(issuer.userToken("alice")).andExpect(status().isNotFound());
  }

  private ResultActions getNote(String token) throws Exception {
    return mvc.perform(
        get("/api/notes/" + UUID.randomUUID()).header("Authorization", "Bearer " + token));
  }
}
