package io.mcpmanager.git.testdata;

import io.mcpmanager.git.connection.EncryptedTokens;
import io.mcpmanager.git.connection.GitConnection;
import io.mcpmanager.git.connection.StatusReason;
import io.mcpmanager.git.provider.GitProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Git connections in the states the service meets them, for tests that need the entity rather than
 * a connection made through the OAuth flow ({@link OAuthDance}). Ciphertexts look like Vault
 * Transit's but decrypt nowhere.
 */
public final class GitConnectionMother {

  /** When the connections were made; tests move time forward from here. */
  public static final Instant CONNECTED_AT = Instant.parse("2026-12-01T10:00:00Z");

  /** GitLab's (and GitHub App user tokens') access tokens last two hours. */
  public static final Duration GITLAB_TOKEN_LIFETIME = Duration.ofHours(2);

  private GitConnectionMother() {}

  public static GitProfile profile(String externalUserId) {
    return new GitProfile(
        externalUserId,
        "octo-" + externalUserId,
        externalUserId + "@example.test",
        "https://avatars.example.test/" + externalUserId);
  }

  /** Access and refresh token, as one refresh or authorization returns them. */
  public static EncryptedTokens tokens(String generation) {
    return new EncryptedTokens(
        "vault:v1:access-" + generation, "vault:v1:refresh-" + generation, "…" + generation);
  }

  /**
   * An access token without a refresh token (a GitHub OAuth App, or a refresh that did not rotate).
   */
  public static EncryptedTokens accessTokenOnly(String generation) {
    return new EncryptedTokens("vault:v1:access-" + generation, null, "…" + generation);
  }

  /** A fresh GitLab connection: a two-hour access token and a rotating refresh token. */
  public static GitConnection gitlab() {
    return GitConnection.connect(
        UUID.randomUUID().toString(),
        "gitlab",
        profile("42"),
        tokens("a1"),
        List.of("read_user", "read_api"),
        CONNECTED_AT.plus(GITLAB_TOKEN_LIFETIME),
        null,
        CONNECTED_AT);
  }

  /**
   * A GitHub OAuth App connection: the token never expires and there is nothing to refresh it with.
   */
  public static GitConnection githubOAuthApp() {
    return GitConnection.connect(
        UUID.randomUUID().toString(),
        "github",
        profile("7"),
        accessTokenOnly("g1"),
        List.of("repo", "read:user"),
        null,
        null,
        CONNECTED_AT);
  }

  /**
   * A GitLab connection whose refresh token the provider rejected: only a new authorization helps.
   */
  public static GitConnection gitlabNeedingReauth() {
    GitConnection c = gitlab();
    c.markExpired(StatusReason.INVALID_GRANT, CONNECTED_AT.plus(Duration.ofHours(1)));
    return c;
  }
}
