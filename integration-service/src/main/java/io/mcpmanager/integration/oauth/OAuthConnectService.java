package io.mcpmanager.integration.oauth;

import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.integration.account.OAuthAccountConnector;
import io.mcpmanager.integration.catalog.AuthMethod;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.catalog.UnsupportedIntegrationException;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.security.CurrentUser;
import io.mcpmanager.oauth.BrowserBinding;
import io.mcpmanager.oauth.InvalidStateException;
import io.mcpmanager.oauth.OAuthException;
import io.mcpmanager.oauth.OAuthStates;
import io.mcpmanager.oauth.TokenResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects an OAuth integration: {@link #start} hands out the provider's authorization URL; the
 * browser comes back to {@link #callback} (public: the signed state names the user), which stores
 * the tokens and sends the browser on to the frontend with {@code status=connected} or a typed
 * {@code error}. Tokens never leave this class except encrypted, through {@link
 * OAuthAccountConnector}.
 */
@Service
public class OAuthConnectService {

  /** Error codes the frontend understands. */
  static final String ACCESS_DENIED = "access_denied";

  static final String INVALID_STATE = "invalid_state";
  static final String EXCHANGE_FAILED = "exchange_failed";
  static final String BROWSER_MISMATCH = "browser_mismatch";

  /** A started connect: the answer, and the state the starting browser is bound to. */
  public record StartedConnect(StartOAuthResponse response, String state, Duration lifetime) {
    @Override
    public String toString() {
      return "StartedConnect[type=" + response.type() + "]";
    }
  }

  private static final Logger log = LoggerFactory.getLogger(OAuthConnectService.class);

  private final List<AuthorizationFlow> flows;
  private final OAuthAccountConnector connector;
  private final CredentialEvents events;
  private final TransactionTemplate transactions;
  private final IntegrationProperties.OAuth settings;
  private final OAuthStates states;
  private final Clock clock;

  OAuthConnectService(
      List<AuthorizationFlow> flows,
      OAuthAccountConnector connector,
      CredentialEvents events,
      TransactionTemplate transactions,
      IntegrationProperties properties,
      OAuthStates states,
      Clock clock) {
    this.clock = clock;
    this.flows = List.copyOf(flows);
    this.states = states;
    this.connector = connector;
    this.events = events;
    this.transactions = transactions;
    this.settings = properties.oauth();
  }

  public StartedConnect start(
      CurrentUser user, String typeValue, @Nullable StartOAuthRequest request) {
    IntegrationType type = UnsupportedIntegrationException.require(typeValue);
    AuthorizationFlow flow =
        flow(type).orElseThrow(() -> UnsupportedIntegrationException.noOAuth(type));
    String returnUrl = request == null ? null : request.returnUrl();
    if (returnUrl != null && !settings.isAllowedReturnUrl(returnUrl)) {
      throw InvalidReturnUrlException.notAllowed();
    }
    AuthorizationFlow.StartedAuthorization started = flow.start(user.id(), type, returnUrl);
    return new StartedConnect(
        new StartOAuthResponse(
            type.value(), started.authorizationUrl().toString(), started.expiresAt()),
        started.state(),
        Duration.between(clock.instant(), started.expiresAt()));
  }

  /**
   * Where to send the browser after the provider's redirect: the frontend, with the outcome.
   *
   * @param callerId the user of a bearer token that came along (normally none), else null
   * @param binding the browser's binding cookie: the account is linked only in the browser that
   *     started the connect
   */
  public URI callback(
      @Nullable String callerId,
      String typeValue,
      @Nullable String code,
      @Nullable String state,
      @Nullable String error,
      @Nullable String binding,
      String ip,
      @Nullable String userAgent) {
    IntegrationType type = IntegrationType.fromValue(typeValue).orElse(null);
    AuthorizationFlow flow = type == null ? null : flow(type).orElse(null);
    if (type == null || flow == null) {
      log.warn("OAuth callback for a type without OAuth");
      return failure(settings.frontendUrl(), "unknown", INVALID_STATE);
    }
    AuthorizationFlow.PendingAuthorization pending;
    try {
      pending = flow.consume(type, state);
    } catch (InvalidStateException e) {
      log.warn("rejected OAuth callback for {}: {}", type.value(), e.reason());
      return failure(settings.frontendUrl(), type.value(), INVALID_STATE);
    }
    if (callerId != null && !callerId.equals(pending.ownerId())) {
      // Someone else's browser finishing this user's flow: a login-CSRF or a leaked link. The state
      // is burnt.
      log.warn("OAuth callback for {} by another user than the one who started it", type.value());
      failed(
          Actor.user(callerId, ip, truncate(userAgent)),
          pending,
          settings.frontendUrl(),
          INVALID_STATE,
          "state_of_another_user");
      return failure(settings.frontendUrl(), type.value(), INVALID_STATE);
    }
    String back = pending.returnUrl() != null ? pending.returnUrl() : settings.frontendUrl();
    Actor actor = Actor.user(pending.ownerId(), ip, truncate(userAgent));
    if (!BrowserBinding.holds(binding, state)) {
      // A leaked or planted authorization link finished in a browser that did not start it.
      log.warn("OAuth callback for {} arrived in a browser that did not start it", type.value());
      return failed(actor, pending, back, BROWSER_MISMATCH, "no_browser_binding");
    }
    if (error != null || code == null || code.isBlank()) {
      String reason = ACCESS_DENIED.equals(error) ? ACCESS_DENIED : EXCHANGE_FAILED;
      return failed(actor, pending, back, reason, error == null ? "no_code" : error);
    }
    TokenResponse tokens;
    try {
      tokens = flow.exchange(pending, code);
    } catch (OAuthException e) {
      log.warn("OAuth code exchange for {} failed: {}", type.value(), e.getMessage());
      return failed(actor, pending, back, EXCHANGE_FAILED, e.getClass().getSimpleName());
    }
    if (tokens.refreshToken() == null) {
      // Without offline access the connection would die within the hour; nothing is stored.
      return failed(actor, pending, back, EXCHANGE_FAILED, "no_refresh_token");
    }
    UUID accountId = connector.connect(actor, pending.ownerId(), type, tokens);
    return FrontendRedirect.connected(back, type.value(), accountId);
  }

  /** Deletes states of flows never finished (past their TTL); returns how many. */
  public int purgeExpiredStates() {
    int purged = states.purgeExpired();
    if (purged > 0) {
      log.info("purged {} expired OAuth states", purged);
    }
    return purged;
  }

  private URI failed(
      Actor actor,
      AuthorizationFlow.PendingAuthorization pending,
      String back,
      String reason,
      String detail) {
    transactions.executeWithoutResult(
        tx ->
            events.record(
                EventTypes.INTEGRATION_CONNECT_FAILED,
                actor,
                new CredentialEvents.Subject(pending.ownerId(), "integration", null),
                "connect",
                Outcome.FAILURE,
                Map.of(
                    "type",
                    new Change(null, pending.type().value()),
                    "auth_method",
                    new Change(null, AuthMethod.OAUTH.value()),
                    "error",
                    new Change(null, reason),
                    "cause",
                    new Change(null, limit(detail)))));
    return failure(back, pending.type().value(), reason);
  }

  private Optional<AuthorizationFlow> flow(IntegrationType type) {
    return type.supports(AuthMethod.OAUTH)
        ? flows.stream().filter(f -> f.handles(type)).findFirst()
        : Optional.empty();
  }

  private static URI failure(String back, String type, String error) {
    return FrontendRedirect.failure(back, type, error);
  }

  /** The provider's error parameter comes from the browser: keep it short and plain. */
  private static String limit(String value) {
    String plain = value.replaceAll("[^A-Za-z0-9_.\\-]", "");
    return plain.length() <= 64 ? plain : plain.substring(0, 64);
  }

  private static @Nullable String truncate(@Nullable String value) {
    return value == null || value.length() <= 256 ? value : value.substring(0, 256);
  }
}
