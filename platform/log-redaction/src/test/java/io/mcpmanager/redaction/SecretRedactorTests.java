package io.mcpmanager.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretRedactorTests {

  @Test
  void shouldMaskBearerTokensJwtsAndProviderTokens() {
    String fakeGithub = "gh" + "p_" + "a".repeat(36);
    String fakeNotion = "secret_" + "B".repeat(40);
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    String line =
        "calling with Authorization: Bearer abc.def-ghi and "
            + fakeGithub
            + " "
            + fakeNotion
            + " "
            + jwt;

    String redacted = SecretRedactor.redact(line);

    assertThat(redacted)
        .doesNotContain("abc.def-ghi", fakeGithub, fakeNotion, jwt)
        .contains("[REDACTED]");
  }

  @Test
  void shouldMaskAPersonalAccessTokenOutsideAnAuthorizationHeader() {
    String pat = "mcpm_pat_" + "a1B2c3D4e5".repeat(4) + "0Zx9Yw";

    String redacted = SecretRedactor.redact("user pasted " + pat + " in a note");

    assertThat(redacted).doesNotContain(pat).contains("user pasted [REDACTED] in a note");
  }

  @Test
  void shouldMaskABearerCredentialOfAnyCharactersAndGoogleRefreshTokens() {
    String emoji = "\uD83D\uDE00tok\u00e9n";
    String refresh = "1//" + "0g".repeat(20) + "-_x";

    String redacted =
        SecretRedactor.redact("invalid header value: Bearer " + emoji + "\nrefresh " + refresh);

    assertThat(redacted).doesNotContain(emoji, refresh, "0g0g0g").contains("Bearer [REDACTED]");
  }

  @Test
  void shouldMaskTodoistHexTokensButKeepTraceIdsAndHashes() {
    String todoist = "0123456789abcdef0123456789abcdef01234567";
    String traceId = "6b105f88f8ec9fa60f9a1b3b54a62900";
    String hash = "ab".repeat(32);

    String redacted =
        SecretRedactor.redact(
            "todoist answered 401 for " + todoist + " trace " + traceId + " head " + hash);

    assertThat(redacted).doesNotContain(todoist).contains("[REDACTED]", traceId, hash);
  }

  @Test
  void shouldMaskSecretKeyValuePairsButKeepOrdinaryText() {
    String redacted =
        SecretRedactor.redact(
            "login failed password=hunter2 for user=alice, \"access_token\":\"xyz123\"");
    assertThat(redacted)
        .doesNotContain("hunter2", "xyz123")
        .contains("user=alice")
        .contains("login failed");
  }

  @Test
  void shouldMaskThePasswordInAUrlsUserinfoButKeepTheHost() {
    String redacted =
        SecretRedactor.redact(
            "Request execution error. endpoint=DefaultEndpoint{ serviceUrl="
                + "'http://discovery:Zq3-x_9PlmKr4tYw@discovery:8761/eureka/' }, "
                + "https://svc:p%40ss@vault:8200/v1 and http://discovery:8761/eureka/");
    assertThat(redacted)
        .doesNotContain("Zq3-x_9PlmKr4tYw", "p%40ss")
        .contains("http://discovery:[REDACTED]@discovery:8761/eureka/")
        .contains("https://svc:[REDACTED]@vault:8200/v1")
        .contains("and http://discovery:8761/eureka/");
  }

  @Test
  void shouldLeaveTextWithoutSecretsUnchanged() {
    String line = "integration 42 validated in 12 ms";
    assertThat(SecretRedactor.redact(line)).isEqualTo(line);
  }
}
