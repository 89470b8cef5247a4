package io.mcpmanager.integration.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.integration.catalog.AuthMethod;
import io.mcpmanager.integration.testdata.IntegrationAccountMother;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The account's state machine, without Spring or a database. */
class IntegrationAccountTests {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration BACKOFF = Duration.ofSeconds(30);
  private static final int THRESHOLD = 3;

  @Nested
  class Creating {

    @Test
    void shouldBeActiveAndUsableWhenThePastedTokenWasAccepted() {
      IntegrationAccount account = IntegrationAccountMother.notion(NOW);

      assertThat(account.status()).isEqualTo(IntegrationStatus.ACTIVE);
      assertThat(account.statusReason()).isNull();
      assertThat(account.isUsable()).isTrue();
      assertThat(account.isOAuth()).isFalse();
      assertThat(account.credentialVersion()).isEqualTo(1);
    }

    @Test
    void shouldBeInErrorAndNotUsableWhenThePastedTokenWasRefused() {
      IntegrationAccount account = IntegrationAccountMother.rejectedNotion(NOW);

      assertThat(account.status()).isEqualTo(IntegrationStatus.ERROR);
      assertThat(account.statusReason()).isEqualTo(StatusReason.INVALID_CREDENTIALS);
      assertThat(account.isUsable()).isFalse();
    }

    @Test
    void shouldBeAnActiveRefreshableOAuthAccountAfterAConnect() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofHours(1));

      assertThat(account.authMethod()).isEqualTo(AuthMethod.OAUTH);
      assertThat(account.isUsable()).isTrue();
      assertThat(account.isRefreshable()).isTrue();
      assertThat(account.expiresWithin(NOW, Duration.ofMinutes(5))).isFalse();
      assertThat(account.expiresWithin(NOW, Duration.ofHours(2))).isTrue();
    }
  }

  @Nested
  class Refreshing {

    @Test
    void shouldTakeTheNewTokensAndForgetEarlierFailures() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));
      account.recordRefreshFailure(THRESHOLD, BACKOFF, NOW);
      Instant later = NOW.plusSeconds(40);

      account.refreshed(
          "vault:v1:new-access",
          "vault:v1:new-refresh",
          "…9z9z",
          later.plusSeconds(3600),
          null,
          later);

      assertThat(account.credentialCiphertext()).isEqualTo("vault:v1:new-access");
      assertThat(account.refreshTokenCiphertext()).isEqualTo("vault:v1:new-refresh");
      assertThat(account.credentialHint()).isEqualTo("…9z9z");
      assertThat(account.expiresAt()).isEqualTo(later.plusSeconds(3600));
      assertThat(account.refreshFailures()).isZero();
      assertThat(account.nextRefreshAt()).isNull();
      assertThat(account.updatedAt()).isEqualTo(later);
    }

    @Test
    void shouldKeepTheRefreshTokenAndScopesWhenTheProviderDidNotRotateThem() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));
      String refreshToken = account.refreshTokenCiphertext();
      String scopes = account.scopes();

      account.refreshed("vault:v1:new-access", null, "…9z9z", NOW.plusSeconds(3600), null, NOW);

      assertThat(account.refreshTokenCiphertext()).isEqualTo(refreshToken);
      assertThat(account.scopes()).isEqualTo(scopes);
      assertThat(account.credentialVersion())
          .as("a refresh is not a rotation by the user")
          .isEqualTo(1);
    }

    @Test
    void shouldBringBackAnAccountInErrorBecauseTheProviderWasDown() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));
      for (int i = 0; i < THRESHOLD; i++) {
        account.recordRefreshFailure(THRESHOLD, BACKOFF, NOW);
      }
      assertThat(account.status()).isEqualTo(IntegrationStatus.ERROR);

      account.refreshed("vault:v1:new-access", null, "…9z9z", NOW.plusSeconds(3600), null, NOW);

      assertThat(account.status()).isEqualTo(IntegrationStatus.ACTIVE);
      assertThat(account.statusReason()).isNull();
      assertThat(account.isUsable()).isTrue();
    }

    @Test
    void shouldRefuseToRefreshAnApiToken() {
      IntegrationAccount account = IntegrationAccountMother.notion(NOW);

      assertThat(account.isRefreshable()).isFalse();
      assertThatThrownBy(() -> account.refreshed("vault:v1:x", null, "…x", NOW, null, NOW))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("without a refresh token");
    }

    @Test
    void shouldRefuseToRefreshAnExpiredOrDeactivatedOrRevokedAccount() {
      IntegrationAccount expired = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));
      expired.markExpired(StatusReason.REFRESH_FAILED, NOW);
      IntegrationAccount inactive = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));
      inactive.deactivate(NOW);
      IntegrationAccount revoked = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));
      revoked.revoke(NOW);

      for (IntegrationAccount account : new IntegrationAccount[] {expired, inactive, revoked}) {
        assertThat(account.isRefreshable()).isFalse();
        assertThatThrownBy(() -> account.refreshed("vault:v1:x", null, "…x", NOW, null, NOW))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> account.recordRefreshFailure(THRESHOLD, BACKOFF, NOW))
            .isInstanceOf(IllegalStateException.class);
      }
    }

    @Test
    void shouldRefuseToRefreshAnAccountInErrorForAnotherReasonThanAnOutage() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));
      account.recordValidation(StatusReason.INSUFFICIENT_SCOPE, true, NOW, NOW.plusSeconds(60));

      assertThat(account.status()).isEqualTo(IntegrationStatus.ERROR);
      assertThat(account.isRefreshable()).isFalse();
    }
  }

  @Nested
  class CountingRefreshFailures {

    @Test
    void shouldStayActiveAndBackOffExponentiallyBelowTheThreshold() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));

      account.recordRefreshFailure(THRESHOLD, BACKOFF, NOW);
      assertThat(account.refreshFailures()).isEqualTo(1);
      assertThat(account.nextRefreshAt()).isEqualTo(NOW.plus(BACKOFF));

      account.recordRefreshFailure(THRESHOLD, BACKOFF, NOW);
      assertThat(account.refreshFailures()).isEqualTo(2);
      assertThat(account.nextRefreshAt()).isEqualTo(NOW.plus(BACKOFF.multipliedBy(2)));
      assertThat(account.status()).isEqualTo(IntegrationStatus.ACTIVE);
      assertThat(account.isUsable()).isTrue();
    }

    @Test
    void shouldTurnToErrorProviderUnavailableAtTheThresholdAndStayRefreshable() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));

      for (int i = 0; i < THRESHOLD; i++) {
        account.recordRefreshFailure(THRESHOLD, BACKOFF, NOW);
      }

      assertThat(account.status()).isEqualTo(IntegrationStatus.ERROR);
      assertThat(account.statusReason()).isEqualTo(StatusReason.PROVIDER_UNAVAILABLE);
      assertThat(account.nextRefreshAt()).isEqualTo(NOW.plus(BACKOFF.multipliedBy(4)));
      assertThat(account.isUsable()).isFalse();
      assertThat(account.isRefreshable()).as("a later refresh may bring it back").isTrue();
    }

    @Test
    void shouldCapTheBackoff() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));

      for (int i = 0; i < 20; i++) {
        account.recordRefreshFailure(100, BACKOFF, NOW);
      }

      assertThat(account.nextRefreshAt()).isEqualTo(NOW.plus(BACKOFF.multipliedBy(1024)));
    }
  }

  @Nested
  class Expiring {

    @Test
    void shouldNeedTheUserOnceTheProviderRefusedTheRefreshToken() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));

      account.markExpired(StatusReason.REFRESH_FAILED, NOW);

      assertThat(account.status()).isEqualTo(IntegrationStatus.EXPIRED);
      assertThat(account.statusReason()).isEqualTo(StatusReason.REFRESH_FAILED);
      assertThat(account.isUsable()).isFalse();
      assertThat(account.isRefreshable()).isFalse();
    }

    @Test
    void shouldExpireAnApiTokenInErrorByPolicy() {
      IntegrationAccount account = IntegrationAccountMother.rejectedNotion(NOW);

      account.markExpired(StatusReason.EXPIRED_BY_POLICY, NOW);

      assertThat(account.status()).isEqualTo(IntegrationStatus.EXPIRED);
      assertThat(account.statusReason()).isEqualTo(StatusReason.EXPIRED_BY_POLICY);
    }

    @Test
    void shouldRefuseToExpireAnAccountThatIsInactiveRevokedOrAlreadyExpired() {
      IntegrationAccount inactive = IntegrationAccountMother.notion(NOW);
      inactive.deactivate(NOW);
      IntegrationAccount revoked = IntegrationAccountMother.notion(NOW);
      revoked.revoke(NOW);
      IntegrationAccount expired = IntegrationAccountMother.notion(NOW);
      expired.markExpired(StatusReason.EXPIRED_BY_POLICY, NOW);

      for (IntegrationAccount account : new IntegrationAccount[] {inactive, revoked, expired}) {
        IntegrationStatus before = account.status();
        assertThatThrownBy(() -> account.markExpired(StatusReason.EXPIRED_BY_POLICY, NOW))
            .isInstanceOf(IllegalStateException.class);
        assertThat(account.status()).isEqualTo(before);
      }
    }

    @Test
    void shouldBeRevivedByAReconnect() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofMinutes(1));
      account.markExpired(StatusReason.REFRESH_FAILED, NOW);

      account.reconnect("vault:v1:a", "vault:v1:r", "…a1a1", NOW.plusSeconds(3600), "openid", NOW);

      assertThat(account.status()).isEqualTo(IntegrationStatus.ACTIVE);
      assertThat(account.isRefreshable()).isTrue();
      assertThat(account.credentialVersion()).isEqualTo(2);
    }

    @Test
    void shouldWarnOfTheMaximumAgeOnceUntilTheNextRotation() {
      IntegrationAccount account = IntegrationAccountMother.notion(NOW);

      account.expiryWarned(NOW);

      assertThat(account.expiryWarnedAt()).isEqualTo(NOW);
      assertThatThrownBy(() -> account.expiryWarned(NOW)).isInstanceOf(IllegalStateException.class);
      account.rotate("vault:v1:next", "…b2b2", NOW, NOW.plus(Duration.ofDays(7)), null);
      assertThat(account.expiryWarnedAt()).isNull();
    }
  }

  @Nested
  class RotatingAndRollingBack {

    @Test
    void shouldKeepThePreviousCredentialForTheGraceAndRollBackOnce() {
      IntegrationAccount account = IntegrationAccountMother.notion(NOW);
      String first = account.credentialCiphertext();
      Instant graceUntil = NOW.plus(Duration.ofDays(7));

      account.rotate("vault:v1:second", "…b2b2", NOW, graceUntil, null);
      assertThat(account.canRollBack(NOW)).isTrue();
      account.rollback(NOW);

      assertThat(account.credentialCiphertext()).isEqualTo(first);
      assertThat(account.credentialVersion()).isEqualTo(3);
      assertThat(account.canRollBack(NOW)).isFalse();
      assertThatThrownBy(() -> account.rollback(NOW))
          .isInstanceOf(NothingToRollBackException.class);
    }

    @Test
    void shouldDestroyThePreviousCredentialOnlyAfterTheGrace() {
      IntegrationAccount account = IntegrationAccountMother.notion(NOW);
      Instant graceUntil = NOW.plus(Duration.ofDays(7));
      account.rotate("vault:v1:second", "…b2b2", NOW, graceUntil, null);

      assertThatThrownBy(() -> account.destroyPreviousCredentialAfterGrace(NOW))
          .isInstanceOf(IllegalStateException.class);
      assertThat(account.canRollBack(NOW)).isTrue();

      account.destroyPreviousCredentialAfterGrace(graceUntil);

      assertThat(account.previousCredentialUntil()).isNull();
      assertThat(account.canRollBack(NOW)).isFalse();
    }
  }

  @Nested
  class Revoking {

    @Test
    void shouldDestroyEveryCiphertextAndKeepATombstone() {
      IntegrationAccount account = IntegrationAccountMother.gmail(NOW, Duration.ofHours(1));

      account.revoke(NOW);

      assertThat(account.status()).isEqualTo(IntegrationStatus.REVOKED);
      assertThat(account.statusReason()).isEqualTo(StatusReason.REVOKED_BY_USER);
      assertThat(account.credentialCiphertext()).isNull();
      assertThat(account.refreshTokenCiphertext()).isNull();
      assertThat(account.isUsable()).isFalse();
      assertThat(account.id()).isNotNull();
    }
  }

  @Nested
  class Validating {

    @Test
    void shouldLeaveAGoodCredentialAloneWhenTheCheckWasInconclusive() {
      IntegrationAccount account = IntegrationAccountMother.notion(NOW);

      account.recordValidation(StatusReason.PROVIDER_UNAVAILABLE, false, NOW, NOW.plusSeconds(60));

      assertThat(account.status()).isEqualTo(IntegrationStatus.ACTIVE);
      assertThat(account.nextValidationAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void shouldNotReactivateADeactivatedAccountOnAValidCheck() {
      IntegrationAccount account = IntegrationAccountMother.notion(NOW);
      account.deactivate(NOW);

      account.recordValidation(null, true, NOW, NOW.plusSeconds(60));

      assertThat(account.status()).isEqualTo(IntegrationStatus.INACTIVE);
      account.activate(NOW);
      assertThat(account.status()).isEqualTo(IntegrationStatus.ACTIVE);
    }
  }
}
