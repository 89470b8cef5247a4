package io.mcpmanager.auth.login;

import io.mcpmanager.auth.user.UserDirectory;
import io.mcpmanager.events.Actor;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.events.CredentialEvents;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts a login outcome and records its credential event in one transaction. An attempt on an
 * unknown username carries no user id at all, so the audit trail does not reveal which names exist.
 */
@Service
class LoginRecorder {

  static final String ENTITY_TYPE = "user";

  private final LoginThrottle throttle;
  private final CredentialEvents events;
  private final UserDirectory users;

  LoginRecorder(LoginThrottle throttle, CredentialEvents events, UserDirectory users) {
    this.throttle = throttle;
    this.events = events;
    this.users = users;
  }

  @Transactional
  public void failed(LoginAttempt attempt, String reason, String outcome) {
    throttle.recordFailure(attempt.username(), attempt.ip());
    record(EventTypes.LOGIN_FAILED, attempt, outcome, reason);
  }

  @Transactional
  public void succeeded(LoginAttempt attempt) {
    throttle.recordSuccess(attempt.username(), attempt.ip());
    record(EventTypes.LOGIN_SUCCEEDED, attempt, Outcome.SUCCESS, null);
  }

  private void record(String type, LoginAttempt attempt, String outcome, @Nullable String reason) {
    String userId = users.find(attempt.username()).map(user -> user.id().toString()).orElse(null);
    Actor actor = Actor.user(userId, attempt.ip(), attempt.userAgent());
    Map<String, Change> changes =
        reason == null ? Map.of() : Map.of("reason", new Change(null, reason));
    events.record(
        type,
        actor,
        new CredentialEvents.Subject(userId, ENTITY_TYPE, userId),
        "login",
        outcome,
        changes);
  }
}
