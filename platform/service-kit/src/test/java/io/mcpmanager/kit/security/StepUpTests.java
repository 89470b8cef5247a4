package io.mcpmanager.kit.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.kit.error.ProblemTypes;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Sensitive operations need a recent second factor from users who have one (RFC 9470). */
@ServiceTest
class StepUpTests {

  private static final TestJwtIssuer issuer = TestJwtIssuer.shared();
  private static final String CHALLENGE =
      "Bearer error=\"insufficient_user_authentication\", error_description=\"%s\", max_age=\"600\"";

  @Autowired MockMvc mvc;

  private ResultActions sensitive(String token) throws Exception {
    return mvc.perform(delete("/api/vault-of-secrets").header("Authorization", "Bearer " + token));
  }

  private static Map<String, Object> mfaUser(long secondsAgo, String... amr) {
    return Map.of(
        "mfa_enrolled", true,
        "amr", List.of(amr),
        "auth_time", Instant.now().minusSeconds(secondsAgo).getEpochSecond());
  }

  @Test
  void shouldAcceptASecondFactorUsedWithinTenMinutes() throws Exception {
    sensitive(issuer.userToken("mfa-fresh", mfaUser(60, "pwd", "otp", "mfa")))
        .andExpect(status().isNoContent());
  }

  @Test
  void shouldChallengeAStaleSecondFactorWithMaxAge() throws Exception {
    String detail =
        "This operation needs a second factor used within the last 10 minutes; sign in again";
    sensitive(issuer.userToken("mfa-stale", mfaUser(601, "pwd", "otp", "mfa")))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", CHALLENGE.formatted(detail)))
        .andExpect(header().string("Content-Type", Matchers.containsString("problem+json")))
        .andExpect(
            jsonPath("$.type").value(ProblemTypes.INSUFFICIENT_USER_AUTHENTICATION.toString()))
        .andExpect(jsonPath("$.detail").value(detail))
        .andExpect(jsonPath("$.max_age").value(600));
  }

  @Test
  void shouldChallengeAPasswordOnlyTokenOfAUserWithMfa() throws Exception {
    sensitive(issuer.userToken("mfa-pwd", mfaUser(5, "pwd")))
        .andExpect(status().isUnauthorized())
        .andExpect(
            header()
                .string(
                    "WWW-Authenticate",
                    CHALLENGE.formatted(
                        "This operation needs a second factor; sign in again with it")));
  }

  @Test
  void shouldLetAUserWithoutMfaThrough() throws Exception {
    sensitive(issuer.userToken("no-mfa")).andExpect(status().isNoContent());
  }

  @Test
  void shouldNeverLetAPersonalAccessTokenThroughEvenWithFreshFactors() throws Exception {
    Map<String, Object> claims = new java.util.HashMap<>(mfaUser(1, "pwd", "otp", "mfa"));
    claims.put("pat_id", "0b6c1f0e-6f38-4bd6-9c6e-2f5f1b7f5c11");
    sensitive(issuer.userToken("pat-user", claims))
        .andExpect(status().isUnauthorized())
        .andExpect(
            header()
                .string(
                    "WWW-Authenticate",
                    Matchers.startsWith("Bearer error=\"insufficient_user_authentication\"")));
    sensitive(issuer.userToken("pat-user", Map.of("pat_id", "p-1")))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void shouldNeverLetADelegatedTokenThrough() throws Exception {
    sensitive(issuer.userToken("delegating", Map.of("act", Map.of("sub", "agent-7"))))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void shouldNotGuardOrdinaryOperations() throws Exception {
    mvc.perform(
            get("/api/vault-of-secrets")
                .header(
                    "Authorization", "Bearer " + issuer.userToken("mfa-pwd", mfaUser(5000, "pwd"))))
        .andExpect(status().isNoContent());
  }
}
