package io.mcpmanager.git.connection;

import io.mcpmanager.events.CredentialEventData;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.git.config.GitProperties;
import io.mcpmanager.git.provider.GitProvider;
import io.mcpmanager.git.provider.GitProviders;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.oauth.InvalidGrantException;
import io.mcpmanager.oauth.OAuthException;
import io.mcpmanager.oauth.OAuthTokenClient;
import io.mcpmanager.oauth.OAuthUnavailableException;
import io.mcpmanager.oauth.RefreshSingleFlight;
import io.mcpmanager.oauth.TokenResponse;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out usable access tokens and refreshes them: ahead of expiry (scheduled) or when a token
 * asked for is about to expire. Refreshes of one connection are serialised across threads and
 * replicas ({@link RefreshSingleFlight}), so a rotating refresh token is used exactly once, and the
 * rotated one is committed with the new access token.
 */
@Service
public class AccessTokens {

  private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
  private static final Duration FORCED_REFRESH_RETRY = Duration.ofSeconds(30);

  /** What a refresh attempt came to. */
  enum Result {
    REFRESHED,
    UNCHANGED,
    EXPIRED,
    FAILED
  }

  /** The connection after the attempt; {@code accessToken} only when this call refreshed it. */
  record Outcome(GitConnection connection, Result result, @Nullable String accessToken) {
    @Override
    public String toString() {
      return "Outcome[" + result + "]";
    }
  }

  private final GitConnectionRepository connections;
  private final GitConnectionService connectionService;
  private final GitProviders providers;
  private final TokenVault vault;
  private final OAuthTokenClient tokenClient;
  private final RefreshSingleFlight singleFlight;
  private final GitEvents events;
  private final GitMetrics metrics;
  private final GitProperties.Refresh properties;
  private final TransactionTemplate transactions;
  private final Clock clock;

  AccessTokens(
      GitConnectionRepository connections,
      GitConnectionService connectionService,
      GitProviders providers,
      TokenVault vault,
      OAuthTokenClient tokenClient,
      RefreshSingleFlight singleFlight,
      GitEvents events,
      GitMetrics metrics,
      GitProperties properties,
      TransactionTemplate transactions,
      Clock clock) {
    this.connections = connections;
    this.connectionService = connectionService;
    this.providers = providers;
    this.vault = vault;
    this.tokenClient = tokenClient;
    this.singleFlight = singleFlight;
    this.events = events;
    this.metrics = metrics;
    this.properties = properties.refresh();
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * A plaintext access token of the owner's connection that is valid for at least the on-demand
   * lead time when it can be refreshed; empty when {@code ownerId} has no such connection. Call it
   * outside a transaction: a refresh commits on its own.
   */
  public Optional<String> freshAccessToken(String ownerId, UUID id) {
    return connections
        .findById(id)
        .filter(c -> c.ownerId().equals(ownerId))
        .map(this::freshAccessToken);
  }

  private String freshAccessToken(GitConnection snapshot) {
    Instant now = clock.instant();
    if (snapshot.requiresReauth()) {
      throw ReauthRequiredException.forConnection(snapshot.id(), reason(snapshot));
    }
    if (snapshot.needsRefreshBefore(now.plus(properties.onDemandLead()))) {
      Outcome outcome =
          refresh(
              snapshot.id(),
              c ->
                  c.needsRefreshBefore(clock.instant().plus(properties.onDemandLead()))
                      && (c.isAccessTokenExpired(clock.instant())
                          || c.nextRefreshAttemptAt() == null
                          || !c.nextRefreshAttemptAt().isAfter(clock.instant())));
      GitConnection c = outcome.connection();
      return switch (outcome.result()) {
        case REFRESHED -> Objects.requireNonNull(outcome.accessToken());
        case EXPIRED -> throw ReauthRequiredException.forConnection(c.id(), reason(c));
        case UNCHANGED, FAILED -> usableOrFail(c);
      };
    }
    if (snapshot.isAccessTokenExpired(now)) {
      markExpiredWithoutRefreshToken(snapshot.id());
      throw ReauthRequiredException.forConnection(
          snapshot.id(), StatusReason.TOKEN_EXPIRED.value());
    }
    return vault.accessToken(snapshot);
  }

  /** Forced refresh by the owner (never an admin), unless someone refreshed it meanwhile. */
  public GitConnectionResponse refreshNow(CurrentUser user, String provider, UUID id) {
    GitConnection c = connectionService.ownedByCaller(user, provider, id);
    if (!c.isRefreshable()) {
      throw c.requiresReauth()
          ? ReauthRequiredException.forConnection(id, reason(c))
          : NotRefreshableException.forConnection(id);
    }
    long seenVersion = c.version();
    Outcome outcome =
        refresh(id, current -> current.version() == seenVersion && current.isRefreshable());
    return switch (outcome.result()) {
      case REFRESHED, UNCHANGED -> connectionService.response(outcome.connection());
      case EXPIRED -> throw ReauthRequiredException.forConnection(id, "invalid_grant");
      case FAILED -> throw ProviderUnavailableException.of(c.provider(), FORCED_REFRESH_RETRY);
    };
  }

  /** Refreshes when, after taking the lock, {@code stillNeeded} holds for the current state. */
  Outcome refresh(UUID id, Predicate<GitConnection> stillNeeded) {
    Outcome outcome =
        singleFlight.refresh(
            "git-connection:" + id,
            () ->
                connections
                    .findById(id)
                    .map(c -> new Outcome(c, Result.UNCHANGED, null))
                    .orElse(null),
            o -> stillNeeded.test(o.connection()),
            o -> callProvider(o.connection()));
    if (outcome == null) {
      throw GitConnectionNotFoundException.forId(id);
    }
    return outcome;
  }

  private String usableOrFail(GitConnection c) {
    if (c.requiresReauth()) {
      throw ReauthRequiredException.forConnection(c.id(), reason(c));
    }
    if (c.isAccessTokenExpired(clock.instant())) {
      Duration retry =
          c.nextRefreshAttemptAt() == null
              ? properties.backoffBase()
              : Duration.between(clock.instant(), c.nextRefreshAttemptAt());
      throw ProviderUnavailableException.of(
          c.provider(), retry.isNegative() ? Duration.ofSeconds(1) : retry);
    }
    return vault.accessToken(c);
  }

  /**
   * Runs inside the locked transaction: the entity is managed, its changes commit with the lock's
   * release.
   */
  private Outcome callProvider(GitConnection c) {
    GitProvider provider = providers.get(c.provider());
    Instant expiresBefore = c.expiresAt();
    String refreshToken = vault.refreshToken(c);
    Timer.Sample refresh = metrics.startRefresh();
    try {
      TokenResponse tokens = callWithRetries(provider, refreshToken);
      metrics.refreshed(refresh, c.provider(), true);
      Instant now = clock.instant();
      c.refreshed(
          vault.encrypt(c.ownerId(), tokens.accessToken(), tokens.refreshToken()),
          tokens.scopes(),
          tokens.expiresAt(now),
          tokens.refreshTokenExpiresAt(now),
          now);
      events.connection(
          EventTypes.GIT_REFRESHED,
          c,
          "refresh",
          CredentialEventData.Outcome.SUCCESS,
          Map.of(
              "expires_at",
              new CredentialEventData.Change(
                  String.valueOf(expiresBefore), String.valueOf(c.expiresAt())),
              "refresh_token_rotated",
              new CredentialEventData.Change(null, tokens.refreshToken() != null),
              "token_hint",
              new CredentialEventData.Change(null, c.tokenHint())));
      return new Outcome(c, Result.REFRESHED, tokens.accessToken());
    } catch (InvalidGrantException e) {
      metrics.refreshed(refresh, c.provider(), false);
      c.markExpired(StatusReason.INVALID_GRANT, clock.instant());
      events.connection(
          EventTypes.GIT_REFRESH_FAILED,
          c,
          "refresh",
          CredentialEventData.Outcome.FAILURE,
          GitEvents.change("error", null, e.error()));
      events.connection(
          EventTypes.GIT_EXPIRED,
          c,
          "expire",
          CredentialEventData.Outcome.SUCCESS,
          GitEvents.change("status", "active", c.status().value()));
      log.info("refresh of git connection {} rejected by {}: {}", c.id(), c.provider(), e.error());
      return new Outcome(c, Result.EXPIRED, null);
    } catch (OAuthException e) {
      metrics.refreshed(refresh, c.provider(), false);
      String statusBefore = c.status().value();
      c.recordRefreshFailure(
          properties.failureThreshold(),
          properties.backoff(c.refreshFailures() + 1),
          clock.instant());
      events.connection(
          EventTypes.GIT_REFRESH_FAILED,
          c,
          "refresh",
          CredentialEventData.Outcome.FAILURE,
          Map.of(
              "error",
              new CredentialEventData.Change(null, e.getClass().getSimpleName()),
              "consecutive_failures",
              new CredentialEventData.Change(c.refreshFailures() - 1, c.refreshFailures()),
              "status",
              new CredentialEventData.Change(statusBefore, c.status().value())));
      log.warn(
          "refresh of git connection {} at {} failed ({} in a row): {}",
          c.id(),
          c.provider(),
          c.refreshFailures(),
          e.getMessage());
      return new Outcome(c, Result.FAILED, null);
    }
  }

  private TokenResponse callWithRetries(GitProvider provider, String refreshToken) {
    for (int attempt = 1; ; attempt++) {
      try {
        return tokenClient.refresh(provider.registration(), refreshToken);
      } catch (OAuthUnavailableException e) {
        if (attempt >= properties.attempts()) {
          throw e;
        }
        LockSupport.parkNanos(
            properties.attemptDelay().multipliedBy(1L << (attempt - 1)).toNanos());
      }
    }
  }

  private void markExpiredWithoutRefreshToken(UUID id) {
    transactions.executeWithoutResult(
        status ->
            connections
                .findById(id)
                .ifPresent(
                    c -> {
                      if (!c.requiresReauth()) {
                        c.markExpired(StatusReason.TOKEN_EXPIRED, clock.instant());
                        events.connection(
                            EventTypes.GIT_EXPIRED,
                            c,
                            "expire",
                            CredentialEventData.Outcome.SUCCESS,
                            GitEvents.change("status", "active", c.status().value()));
                      }
                    }));
  }

  private static String reason(GitConnection c) {
    return c.statusReason() == null ? "expired" : c.statusReason().value();
  }
}
