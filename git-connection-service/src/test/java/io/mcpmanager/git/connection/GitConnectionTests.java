package io.mcpmanager.git.connection;

import static io.mcpmanager.git.testdata.GitConnectionMother.CONNECTED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.git.provider.GitProfile;
import io.mcpmanager.git.testdata.GitConnectionMother;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A connection's life: connected, refreshed, failing, expired, authorized again. */
class GitConnectionTests {

  static final Instant LATER = CONNECTED_AT.plus(Duration.ofMinutes(110));
  static final Duration BACKOFF = Duration.ofSeconds(30);

  @Nested
  class Connect {

    @Test
    void shouldStartActiveWithTheProfileScopesAndTokenHint() {
      GitConnection c = GitConnectionMother.gitlab();

      assertThat(c.id()).isNotNull();
      assertThat(c.status()).isEqualTo(ConnectionStatus.ACTIVE);
      assertThat(c.statusReason()).isNull();
      assertThat(c.requiresReauth()).isFalse();
      assertThat(c.username()).isEqualTo("octo-42");
      assertThat(c.externalUserId()).isEqualTo("42");
      assertThat(c.scopes()).containsExactly("read_user", "read_api");
      assertThat(c.tokenHint()).isEqualTo("…a1");
      assertThat(c.connectedAt()).isEqualTo(CONNECTED_AT);
      assertThat(c.isRefreshable()).isTrue();
    }

    @Test
    void shouldNeverExpireNorRefreshAnOAuthAppToken() {
      GitConnection c = GitConnectionMother.githubOAuthApp();
      Instant nextYear = CONNECTED_AT.plus(Duration.ofDays(365));

      assertThat(c.isRefreshable()).isFalse();
      assertThat(c.needsRefreshBefore(nextYear)).isFalse();
      assertThat(c.isAccessTokenExpired(nextYear)).isFalse();
      assertThat(c.expiresSoon(CONNECTED_AT, Duration.ofDays(365))).isFalse();
    }
  }

  @Nested
  class Expiry {

    @Test
    void shouldNeedARefreshOnlyWhenTheTokenExpiresBeforeTheHorizon() {
      GitConnection c = GitConnectionMother.gitlab();

      assertThat(c.needsRefreshBefore(c.expiresAt())).isFalse();
      assertThat(c.needsRefreshBefore(c.expiresAt().plusSeconds(1))).isTrue();
    }

    @Test
    void shouldCountTheTokenExpiredFromTheInstantItExpires() {
      GitConnection c = GitConnectionMother.gitlab();

      assertThat(c.isAccessTokenExpired(c.expiresAt().minusMillis(1))).isFalse();
      assertThat(c.isAccessTokenExpired(c.expiresAt())).isTrue();
      assertThat(c.expiresSoon(CONNECTED_AT, Duration.ofMinutes(30))).isFalse();
      assertThat(c.expiresSoon(LATER, Duration.ofMinutes(30))).isTrue();
    }
  }

  @Nested
  class Refreshed {

    @Test
    void shouldReplaceBothTokensWhenTheRefreshTokenRotated() {
      GitConnection c = GitConnectionMother.gitlab();
      Instant newExpiry = LATER.plus(Duration.ofHours(2));

      c.refreshed(GitConnectionMother.tokens("b2"), List.of("read_user"), newExpiry, null, LATER);

      assertThat(c.accessTokenEnc()).isEqualTo("vault:v1:access-b2");
      assertThat(c.refreshTokenEnc()).isEqualTo("vault:v1:refresh-b2");
      assertThat(c.tokenHint()).isEqualTo("…b2");
      assertThat(c.scopes()).containsExactly("read_user");
      assertThat(c.expiresAt()).isEqualTo(newExpiry);
      assertThat(c.lastRefreshedAt()).isEqualTo(LATER);
      assertThat(c.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void shouldKeepTheRefreshTokenAndScopesTheAnswerDoesNotName() {
      GitConnection c = GitConnectionMother.gitlab();

      c.refreshed(
          GitConnectionMother.accessTokenOnly("b2"),
          List.of(),
          LATER.plus(Duration.ofHours(2)),
          null,
          LATER);

      assertThat(c.accessTokenEnc()).isEqualTo("vault:v1:access-b2");
      assertThat(c.refreshTokenEnc()).isEqualTo("vault:v1:refresh-a1");
      assertThat(c.scopes()).containsExactly("read_user", "read_api");
    }

    @Test
    void shouldClearAnErrorLeftByEarlierFailures() {
      GitConnection c = GitConnectionMother.gitlab();
      for (int i = 0; i < 3; i++) {
        c.recordRefreshFailure(3, BACKOFF, LATER);
      }

      c.refreshed(
          GitConnectionMother.tokens("b2"),
          List.of(),
          LATER.plus(Duration.ofHours(2)),
          null,
          LATER);

      assertThat(c.status()).isEqualTo(ConnectionStatus.ACTIVE);
      assertThat(c.statusReason()).isNull();
      assertThat(c.refreshFailures()).isZero();
      assertThat(c.nextRefreshAttemptAt()).isNull();
    }

    @Test
    void shouldRefuseARefreshOfAConnectionThatNeedsANewAuthorization() {
      GitConnection c = GitConnectionMother.gitlabNeedingReauth();

      assertThatThrownBy(
              () -> c.refreshed(GitConnectionMother.tokens("b2"), List.of(), LATER, null, LATER))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("needs a new authorization");
      assertThat(c.status()).isEqualTo(ConnectionStatus.EXPIRED);
      assertThat(c.accessTokenEnc()).isEqualTo("vault:v1:access-a1");
    }

    @Test
    void shouldRefuseARefreshWithoutARefreshToken() {
      GitConnection c = GitConnectionMother.githubOAuthApp();

      assertThatThrownBy(
              () -> c.refreshed(GitConnectionMother.tokens("g2"), List.of(), LATER, null, LATER))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no refresh token");
      assertThat(c.accessTokenEnc()).isEqualTo("vault:v1:access-g1");
    }
  }

  @Nested
  class RefreshFailures {

    @Test
    void shouldStayActiveBelowTheThresholdAndWaitTheBackoff() {
      GitConnection c = GitConnectionMother.gitlab();

      c.recordRefreshFailure(3, BACKOFF, LATER);
      c.recordRefreshFailure(3, BACKOFF, LATER);

      assertThat(c.status()).isEqualTo(ConnectionStatus.ACTIVE);
      assertThat(c.refreshFailures()).isEqualTo(2);
      assertThat(c.nextRefreshAttemptAt()).isEqualTo(LATER.plus(BACKOFF));
    }

    @Test
    void shouldTurnToErrorAtTheThresholdAndStayRefreshable() {
      GitConnection c = GitConnectionMother.gitlab();

      for (int i = 0; i < 3; i++) {
        c.recordRefreshFailure(3, BACKOFF, LATER);
      }

      assertThat(c.status()).isEqualTo(ConnectionStatus.ERROR);
      assertThat(c.statusReason()).isEqualTo(StatusReason.PROVIDER_UNAVAILABLE);
      assertThat(c.requiresReauth()).isFalse();
      assertThat(c.isRefreshable()).isTrue();
    }

    @Test
    void shouldRefuseToCountFailuresOfAConnectionThatNeedsANewAuthorization() {
      GitConnection c = GitConnectionMother.gitlabNeedingReauth();

      assertThatThrownBy(() -> c.recordRefreshFailure(3, BACKOFF, LATER))
          .isInstanceOf(IllegalStateException.class);
      assertThat(c.refreshFailures()).isZero();
      assertThat(c.nextRefreshAttemptAt()).isNull();
    }
  }

  @Nested
  class MarkExpired {

    @Test
    void shouldRequireANewAuthorizationAndStopTheRetries() {
      GitConnection c = GitConnectionMother.gitlab();
      c.recordRefreshFailure(3, BACKOFF, LATER);

      c.markExpired(StatusReason.INVALID_GRANT, LATER);

      assertThat(c.status()).isEqualTo(ConnectionStatus.EXPIRED);
      assertThat(c.statusReason()).isEqualTo(StatusReason.INVALID_GRANT);
      assertThat(c.requiresReauth()).isTrue();
      assertThat(c.nextRefreshAttemptAt()).isNull();
      assertThat(c.isRefreshable()).isFalse();
      assertThat(c.needsRefreshBefore(LATER.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void shouldTakeTheLatestReasonWhenExpiredAgain() {
      GitConnection c = GitConnectionMother.gitlabNeedingReauth();

      c.markExpired(StatusReason.TOKEN_REJECTED, LATER);

      assertThat(c.statusReason()).isEqualTo(StatusReason.TOKEN_REJECTED);
      assertThat(c.updatedAt()).isEqualTo(LATER);
    }
  }

  @Nested
  class Reconnect {

    @Test
    void shouldMakeAnExpiredConnectionActiveWithTheNewTokensAndProfile() {
      GitConnection c = GitConnectionMother.gitlabNeedingReauth();
      UUID id = c.id();

      c.reconnect(
          new GitProfile("42", "renamed", null, null),
          GitConnectionMother.tokens("c3"),
          List.of("read_api"),
          LATER.plus(Duration.ofHours(2)),
          null,
          LATER);

      assertThat(c.id()).isEqualTo(id);
      assertThat(c.connectedAt()).isEqualTo(CONNECTED_AT);
      assertThat(c.status()).isEqualTo(ConnectionStatus.ACTIVE);
      assertThat(c.statusReason()).isNull();
      assertThat(c.requiresReauth()).isFalse();
      assertThat(c.isRefreshable()).isTrue();
      assertThat(c.username()).isEqualTo("renamed");
      assertThat(c.refreshTokenEnc()).isEqualTo("vault:v1:refresh-c3");
      assertThat(c.scopes()).containsExactly("read_api");
    }
  }
}
