package io.mcpmanager.integration.testdata;

import io.mcpmanager.integration.account.IntegrationAccount;
import io.mcpmanager.integration.account.StatusReason;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.oauth.TokenResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Integration accounts and Google token answers for tests. Ciphertexts are recognisable fakes
 * ({@code vault:v1:test-...}): entities built here are for the domain tests, which never decrypt.
 */
public final class IntegrationAccountMother {

  public static final String OWNER = "user-mother";

  private IntegrationAccountMother() {}

  /** A pasted Notion token the provider accepted. */
  public static IntegrationAccount notion(Instant now) {
    return IntegrationAccount.withApiToken(
        OWNER, IntegrationType.NOTION, fakeCiphertext("notion"), "…a1b2", Map.of(), now, null);
  }

  /** A pasted Notion token the provider refused, stored anyway. */
  public static IntegrationAccount rejectedNotion(Instant now) {
    return IntegrationAccount.withApiToken(
        OWNER,
        IntegrationType.NOTION,
        fakeCiphertext("notion"),
        "…a1b2",
        Map.of(),
        now,
        StatusReason.INVALID_CREDENTIALS);
  }

  /** A Gmail connection whose access token expires in {@code lifetime}. */
  public static IntegrationAccount gmail(Instant now, Duration lifetime) {
    return IntegrationAccount.withOAuth(
        OWNER,
        IntegrationType.GMAIL,
        fakeCiphertext("access"),
        fakeCiphertext("refresh"),
        "…c3d4",
        now.plus(lifetime),
        GoogleStubs.GMAIL_SCOPE,
        now);
  }

  /** Google's answer to a code exchange or refresh, as the platform token client returns it. */
  public static TokenResponse googleTokens(
      String accessToken, String refreshToken, Duration expiresIn, String scope) {
    return new TokenResponse(
        accessToken, refreshToken, "Bearer", TokenResponse.parseScopes(scope), expiresIn, null);
  }

  /** Gmail tokens whose access token expires within a minute: the next read refreshes it. */
  public static TokenResponse expiringGmailTokens(String accessToken, String refreshToken) {
    return googleTokens(accessToken, refreshToken, Duration.ofSeconds(60), GoogleStubs.GMAIL_SCOPE);
  }

  /** Calendar tokens whose access token expires within two minutes. */
  public static TokenResponse expiringCalendarTokens(String accessToken, String refreshToken) {
    return googleTokens(
        accessToken,
        refreshToken,
        Duration.ofSeconds(120),
        "https://www.googleapis.com/auth/calendar.readonly");
  }

  private static String fakeCiphertext(String what) {
    return "vault:v1:test-" + what + "-" + UUID.randomUUID();
  }
}
