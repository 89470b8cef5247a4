package io.mcpmanager.kit.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * With {@code mcpm.security.api-scope-family} set, reading {@code /api/**} needs {@code
 * <family>:read} and everything else {@code <family>:write}: a personal access token's JWT with
 * only some scopes, or a service token, gets 403 where its scopes stop.
 */
@ServiceTest
@TestPropertySource(properties = "mcpm.security.api-scope-family=integrations")
class ApiScopeTests {

  private static final TestJwtIssuer issuer = TestJwtIssuer.shared();

  @Autowired MockMvc mvc;

  @Test
  void shouldLetAReadScopeReadButNotWrite() throws Exception {
    String reader = issuer.userTokenWithScopes("alice", "integrations:read");

    getNote(reader).andExpect(status().isNotFound());
    mvc.perform(head("/api/notes/" + UUID.randomUUID()).header("Authorization", "Bearer " + reader))
        .andExpect(status().isNotFound());
    postNote(reader)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value(ProblemTypes.FORBIDDEN.toString()));
  }

  @Test
  void shouldLetAWriteScopeWriteButNotRead() throws Exception {
    String writer = issuer.userTokenWithScopes("alice", "integrations:write");

    postNote(writer).andExpect(status().isCreated());
    getNote(writer).andExpect(status().isForbidden());
  }

  @Test
  void shouldRefuseScopesOfAnotherServiceAndServiceTokens() throws Exception {
    getNote(issuer.userTokenWithScopes("alice", "git:read", "git:write"))
        .andExpect(status().isForbidden());
    getNote(issuer.serviceToken("mcp-server-service", "integrations.broker"))
        .andExpect(status().isForbidden());
  }

  @Test
  void shouldLetASignInTokenWithEveryApiScopeDoBoth() throws Exception {
    String user = issuer.userToken("alice");

    postNote(user).andExpect(status().isCreated());
    getNote(user).andExpect(status().isNotFound());
  }

  private ResultActions getNote(String token) throws Exception {
    return mvc.perform(
        get("/api/notes/" + UUID.randomUUID()).header("Authorization", "Bearer " + token));
  }

  private ResultActions postNote(String token) throws Exception {
    return mvc.perform(
        post("/api/notes")
            .header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"secret_value\": \"x\"}"));
  }
}
