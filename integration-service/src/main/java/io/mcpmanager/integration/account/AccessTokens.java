package io.mcpmanager.integration.account;

import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.integration.provider.GoogleOAuthClients;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.secrets.Hints;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.oauth.InvalidGrantException;
import io.mcpmanager.oauth.OAuthException;
import io.mcpmanager.oauth.OAuthTokenClient;
import io.mcpmanager.oauth.RefreshSingleFlight;
import io.mcpmanager.oauth.TokenResponse;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out the usable secret of an account, refreshing an OAuth access token when it is about to
 * expire. Exactly one refresh per credential reaches the provider, however many callers and
 * replicas ask at once ({@link RefreshSingleFlight}: an advisory lock per account, then the row
 * re-read and locked); whoever waited finds the new token. The rotated refresh token is committed
 * before the lock is released, so it is stored before anyone can use it again.
 *
 * <p>A read that needs no refresh is one Transit decrypt outside any transaction. A refresh
 * decrypts the refresh token and encrypts the new tokens inside the locked transaction: they must
 * be committed before the lock is released.
 */
@Service
public class AccessTokens {

  private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
  private static final int REFRESH_BATCH = 100;

  /** A plaintext secret and when it expires (null: API tokens). {@link #toString()} hides it. */
  public record AccessToken(String value, @Nullable Instant expiresAt) {
    @Override
    public String toString() {
      return "AccessToken[expiresAt=" + expiresAt + "]";
    }
  }

  private enum Result {
    UNCHANGED,
    REFRESHED,
    EXPIRED,
    FAILED
  }

  /** The account after an attempt; {@code accessToken} only when this attempt refreshed it. */
  private record Attempt(
      IntegrationAccount account,
      Result result,
      @Nullable String accessToken,
      @Nullable Duration retryAfter) {
    static Attempt unchanged(IntegrationAccount account) {
      return new Attempt(account, Result.UNCHANGED, null, null);
    }
  }

  private final IntegrationAccountRepository accounts;
  private final RefreshSingleFlight singleFlight;
  private final OAuthTokenClient tokenClient;
  private final GoogleOAuthClients google;
  private final SecretCipher cipher;
  private final CredentialEvents events;
  private final IntegrationMetrics metrics;
  private final IntegrationProperties.Refresh settings;
  private final Clock clock;

  AccessTokens(
      IntegrationAccountRepository accounts,
      RefreshSingleFlight singleFlight,
      OAuthTokenClient tokenClient,
      GoogleOAuthClients google,
      SecretCipher cipher,
      CredentialEvents events,
      IntegrationMetrics metrics,
      IntegrationProperties properties,
      Clock clock) {
    this.accounts = accounts;
    this.singleFlight = singleFlight;
    this.tokenClient = tokenClient;
    this.google = google;
    this.cipher = cipher;
    this.events = events;
    this.metrics = metrics;
    this.settings = properties.refresh();
    this.clock = clock;
  }

  /**
   * The secret of an account read before (outside a transaction): one decrypt, or first a refresh
   * when its OAuth access token expires within the configured skew.
   */
  public AccessToken current(IntegrationAccount account) {
    if (!account.isOAuth()) {
      return new AccessToken(cipher.decrypt(account.ownerId(), ciphertext(account)), null);
    }
    if (account.isUsable() && !account.expiresWithin(clock.instant(), settings.skew())) {
      return new AccessToken(
          cipher.decrypt(account.ownerId(), ciphertext(account)), account.expiresAt());
    }
    return refreshIfExpiring(account.id(), settings.skew());
  }

  /** The current access token of an account, refreshed first when it expires within the skew. */
  public String accessToken(UUID id) {
    return current(accounts.findById(id).orElseThrow(() -> vanished(id))).value();
  }

  /** OAuth accounts whose token expires before {@code horizon}, soonest first, at most a batch. */
  @Transactional(readOnly = true)
  public List<UUID> dueForRefresh(Instant horizon) {
    return accounts.findRefreshDue(horizon, clock.instant(), Limit.of(REFRESH_BATCH));
  }

  /**
   * Refreshes when the token expires within {@code within}, unless someone else just did (then
   * their token is returned). The scheduler looks a little further ahead than callers do.
   */
  public AccessToken refreshIfExpiring(UUID id, Duration within) {
    Attempt attempt =
        singleFlight.refresh(
            "integration:" + id,
            () -> accounts.findForUpdate(id).map(Attempt::unchanged).orElse(null),
            a ->
                a.account().isRefreshable()
                    && (!a.account().isUsable()
                        || a.account().expiresWithin(clock.instant(), within)),
            a -> callProvider(a.account()));
    if (attempt == null) {
      throw vanished(id);
    }
    IntegrationAccount account = attempt.account();
    return switch (attempt.result()) {
      case REFRESHED ->
          new AccessToken(
              Objects.requireNonNull(attempt.accessToken(), "a refresh yields a token"),
              account.expiresAt());
      case UNCHANGED -> {
        if (!account.isRefreshable()) {
          throw CredentialUnusableException.of(
              account.type().value(), account.status(), account.statusReason());
        }
        yield decrypted(account); // refreshed by someone else while we waited
      }
      case EXPIRED ->
          throw CredentialUnusableException.of(
              account.type().value(), account.status(), account.statusReason());
      case FAILED -> {
        // Until the threshold, a token that is still valid is handed out meanwhile.
        if (account.status() == IntegrationStatus.ACTIVE
            && account.expiresAt() != null
            && account.expiresAt().isAfter(clock.instant())) {
          yield decrypted(account);
        }
        throw new RefreshUnavailableException(
            Objects.requireNonNull(attempt.retryAfter(), "a failed refresh says when to retry"));
      }
    };
  }

  private AccessToken decrypted(IntegrationAccount account) {
    return new AccessToken(
        cipher.decrypt(account.ownerId(), ciphertext(account)), account.expiresAt());
  }

  /** Only a revoked account has no credential, and a revoked one is never handed out. */
  private static String ciphertext(IntegrationAccount account) {
    return Objects.requireNonNull(
        account.credentialCiphertext(), "integration without a credential");
  }

  /**
   * Runs inside the locked transaction: the account is managed, its changes commit with the lock's
   * release.
   */
  private Attempt callProvider(IntegrationAccount a) {
    if (!google.handles(a.type())) {
      throw new IllegalStateException("no OAuth client for " + a.type().value());
    }
    String refreshToken =
        cipher.decrypt(
            a.ownerId(),
            Objects.requireNonNull(
                a.refreshTokenCiphertext(), "a refreshable integration has a refresh token"));
    Timer.Sample sample = metrics.startRefresh();
    TokenResponse tokens;
    try {
      tokens = tokenClient.refresh(google.registration(a.type()), refreshToken);
    } catch (InvalidGrantException e) {
      metrics.refreshed(sample, a.type().value(), false);
      return expire(a);
    } catch (OAuthException e) {
      // Outages, and invalid_client and friends (configuration faults, not a dead grant): keep it,
      // retry.
      metrics.refreshed(sample, a.type().value(), false);
      log.info("refresh of integration {} got no token: {}", a.id(), e.getMessage());
      return failed(a);
    }
    metrics.refreshed(sample, a.type().value(), true);
    return refreshed(a, tokens);
  }

  private Attempt refreshed(IntegrationAccount a, TokenResponse tokens) {
    Instant now = clock.instant();
    List<String> plain = new ArrayList<>(List.of(tokens.accessToken()));
    if (tokens.refreshToken() != null) {
      plain.add(tokens.refreshToken());
    }
    List<String> sealed = cipher.encryptAll(a.ownerId(), plain);
    Instant expiresBefore = a.expiresAt();
    IntegrationStatus statusBefore = a.status();
    a.refreshed(
        sealed.get(0),
        sealed.size() > 1 ? sealed.get(1) : null,
        Hints.mask(tokens.accessToken()),
        GoogleOAuthClients.accessTokenExpiresAt(tokens, now),
        GoogleOAuthClients.grantedScopes(tokens),
        now);
    Map<String, Change> changes = new HashMap<>();
    changes.put("expires_at", new Change(expiresBefore, a.expiresAt()));
    changes.put("refresh_token_rotated", new Change(null, tokens.refreshToken() != null));
    if (statusBefore != IntegrationStatus.ACTIVE) {
      changes.put("status", new Change(statusBefore.value(), IntegrationStatus.ACTIVE.value()));
    }
    events.record(
        EventTypes.INTEGRATION_REFRESHED, subject(a), "refresh", Outcome.SUCCESS, changes);
    return new Attempt(a, Result.REFRESHED, tokens.accessToken(), null);
  }

  private Attempt expire(IntegrationAccount a) {
    IntegrationStatus statusBefore = a.status();
    StatusReason reasonBefore = a.statusReason();
    StatusReason reason = StatusReason.REFRESH_FAILED;
    a.markExpired(reason, clock.instant());
    events.record(
        EventTypes.INTEGRATION_REFRESH_FAILED,
        subject(a),
        "refresh",
        Outcome.FAILURE,
        Map.of("error", new Change(null, "invalid_grant")));
    events.record(
        EventTypes.INTEGRATION_EXPIRED,
        subject(a),
        "expire",
        Outcome.SUCCESS,
        Map.of(
            "status", new Change(statusBefore.value(), a.status().value()),
            "status_reason",
                new Change(reasonBefore == null ? null : reasonBefore.value(), reason.value())));
    return new Attempt(a, Result.EXPIRED, null, null);
  }

  /**
   * Counts the failure and backs off; the status changes to error only once the threshold is
   * reached.
   */
  private Attempt failed(IntegrationAccount a) {
    Instant now = clock.instant();
    IntegrationStatus statusBefore = a.status();
    a.recordRefreshFailure(settings.failureThreshold(), settings.backoff(), now);
    events.record(
        EventTypes.INTEGRATION_REFRESH_FAILED,
        subject(a),
        "refresh",
        Outcome.FAILURE,
        Map.of(
            "error",
            new Change(null, "provider_unavailable"),
            "attempt",
            new Change(null, a.refreshFailures())));
    if (a.status() == IntegrationStatus.ERROR && statusBefore != IntegrationStatus.ERROR) {
      events.record(
          EventTypes.INTEGRATION_STATUS_CHANGED,
          subject(a),
          "refresh",
          Outcome.FAILURE,
          Map.of(
              "status", new Change(statusBefore.value(), a.status().value()),
              "status_reason",
                  new Change(
                      null,
                      Objects.requireNonNull(a.statusReason(), "an account in error has a reason")
                          .value())));
    }
    return new Attempt(
        a,
        Result.FAILED,
        null,
        Duration.between(
            now, Objects.requireNonNull(a.nextRefreshAt(), "a failed refresh schedules the next")));
  }

  private static CredentialEvents.Subject subject(IntegrationAccount a) {
    return new CredentialEvents.Subject(
        a.ownerId(), IntegrationAccountService.ENTITY, a.id().toString());
  }

  private static IllegalStateException vanished(UUID id) {
    return new IllegalStateException("integration " + id + " vanished");
  }
}
