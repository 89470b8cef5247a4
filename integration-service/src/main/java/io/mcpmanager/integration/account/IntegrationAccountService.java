package io.mcpmanager.integration.account;

import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.integration.catalog.AuthMethod;
import io.mcpmanager.integration.catalog.IntegrationType;
import io.mcpmanager.integration.catalog.MetaValidator;
import io.mcpmanager.integration.catalog.UnsupportedIntegrationException;
import io.mcpmanager.integration.config.IntegrationMetrics;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.integration.provider.GoogleOAuthClients;
import io.mcpmanager.integration.provider.ProviderCheck;
import io.mcpmanager.integration.provider.ValidationResult;
import io.mcpmanager.integration.ratelimit.ValidationThrottle;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.metrics.CredentialMetrics.Operation;
import io.mcpmanager.kit.secrets.Hints;
import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.security.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use cases of integration accounts. Provider calls and Vault calls happen outside database
 * transactions (a transaction never waits on a third party); the writes then run in one short
 * transaction together with their outbox events.
 */
@Service
public class IntegrationAccountService {

  /** States that occupy the user's one slot per type (see the partial unique index). */
  static final Set<IntegrationStatus> LIVE =
      EnumSet.of(IntegrationStatus.ACTIVE, IntegrationStatus.ERROR, IntegrationStatus.EXPIRED);

  static final String ENTITY = "integration";
  private static final String UNIQUE_INDEX = "integration_account_one_active_per_type";

  private final IntegrationAccountRepository accounts;
  private final MetaValidator metaValidator;
  private final ProviderCheck providers;
  private final ValidationThrottle throttle;
  private final SecretCipher cipher;
  private final AccessTokens accessTokens;
  private final GoogleOAuthClients google;
  private final CredentialEvents events;
  private final TransactionTemplate transactions;
  private final IntegrationMetrics metrics;
  private final IntegrationProperties properties;
  private final Clock clock;

  IntegrationAccountService(
      IntegrationAccountRepository accounts,
      MetaValidator metaValidator,
      ProviderCheck providers,
      ValidationThrottle throttle,
      SecretCipher cipher,
      AccessTokens accessTokens,
      GoogleOAuthClients google,
      CredentialEvents events,
      TransactionTemplate transactions,
      IntegrationMetrics metrics,
      IntegrationProperties properties,
      Clock clock) {
    this.accounts = accounts;
    this.metaValidator = metaValidator;
    this.providers = providers;
    this.throttle = throttle;
    this.cipher = cipher;
    this.accessTokens = accessTokens;
    this.google = google;
    this.events = events;
    this.transactions = transactions;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public PageResponse<IntegrationAccountResponse> list(
      CurrentUser user, @Nullable String type, @Nullable String status, int page, int size) {
    IntegrationType typeFilter =
        type == null ? null : UnsupportedIntegrationException.require(type);
    IntegrationStatus statusFilter =
        status == null
            ? null
            : IntegrationStatus.fromValue(status).orElseThrow(UnknownStatusException::inFilter);
    Specification<IntegrationAccount> spec =
        (root, query, cb) ->
            cb.and(
                cb.equal(root.get("ownerId"), user.id()),
                cb.notEqual(root.get("status"), IntegrationStatus.REVOKED),
                typeFilter == null ? cb.conjunction() : cb.equal(root.get("type"), typeFilter),
                statusFilter == null
                    ? cb.conjunction()
                    : cb.equal(root.get("status"), statusFilter));
    Instant now = clock.instant();
    return PageResponse.from(
        accounts
            .findAll(
                spec,
                PageRequest.of(
                    page, size, Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("id"))))
            .map(a -> response(a, now)));
  }

  @Transactional(readOnly = true)
  public IntegrationAccountResponse get(CurrentUser user, UUID id) {
    return response(visible(user, id), clock.instant());
  }

  public IntegrationAccountResponse create(CurrentUser user, CreateIntegrationRequest request) {
    IntegrationType type = UnsupportedIntegrationException.require(request.type());
    if (!type.supports(AuthMethod.API_TOKEN)) {
      throw UnsupportedIntegrationException.noApiToken(type);
    }
    Map<String, String> meta = metaValidator.validate(type, request.meta());
    if (accounts.existsByOwnerIdAndTypeAndStatusIn(user.id(), type, LIVE)) {
      metrics.failed(Operation.CREATE);
      throw IntegrationAlreadyExistsException.ofType(type);
    }
    String token = request.accessToken();
    ValidationResult result = check(user, credentialSubject(type, token), type, token, meta);
    requireAcceptable(result, request.forceSave());
    String ciphertext = cipher.encrypt(user.id(), token);
    Instant now = clock.instant();
    try {
      IntegrationAccount account =
          transactions.execute(
              tx -> {
                IntegrationAccount created =
                    IntegrationAccount.withApiToken(
                        user.id(),
                        type,
                        ciphertext,
                        Hints.mask(token),
                        meta,
                        now,
                        failureOf(result));
                created.scheduleValidation(result.isValid() ? nextCheck(now) : now);
                accounts.saveAndFlush(created);
                record(
                    EventTypes.INTEGRATION_CREATED,
                    created,
                    "create",
                    Outcome.SUCCESS,
                    Map.of(
                        "type", new Change(null, type.value()),
                        "status", new Change(null, created.status().value()),
                        "credential_hint", new Change(null, created.credentialHint()),
                        "credential_version", new Change(null, created.credentialVersion())));
                recordValidation(created, result);
                return created;
              });
      metrics.succeeded(Operation.CREATE);
      return response(account, now);
    } catch (DataIntegrityViolationException e) {
      throw translateConflict(e, type, "create");
    }
  }

  public IntegrationAccountResponse update(
      CurrentUser user, UUID id, UpdateIntegrationRequest request) {
    boolean disableOnly =
        "inactive".equals(request.status())
            && request.accessToken() == null
            && request.meta() == null;
    IntegrationAccount current =
        disableOnly ? readVisible(user, id) : transactions.execute(tx -> owned(user, id));
    IntegrationType type = current.type();
    long seenVersion = current.version();
    Map<String, String> newMeta =
        request.meta() == null ? current.meta() : metaValidator.validate(type, request.meta());
    boolean metaChanged = !newMeta.equals(current.meta());
    if (request.accessToken() == null) {
      metaValidator.requireSameDestination(type, current.meta(), newMeta);
    }
    ValidationResult result = null;
    SealedCredential sealed = null;
    if (request.accessToken() != null) {
      if (current.isOAuth()) {
        throw UnsupportedIntegrationException.noApiToken(type);
      }
      String token = request.accessToken();
      result = check(user, credentialSubject(type, token), type, token, newMeta);
      requireAcceptable(result, request.forceSave());
      sealed = new SealedCredential(cipher.encrypt(current.ownerId(), token), Hints.mask(token));
    } else if (metaChanged && !current.isOAuth() && current.credentialCiphertext() != null) {
      String secret = cipher.decrypt(current.ownerId(), current.credentialCiphertext());
      result = check(user, "integration:" + id, type, secret, newMeta);
      requireAcceptable(result, request.forceSave());
    }
    Instant now = clock.instant();
    ValidationResult checked = result;
    SealedCredential newCredential = sealed;
    try {
      IntegrationAccount account =
          transactions.execute(
              tx -> {
                IntegrationAccount a = disableOnly ? visible(user, id) : owned(user, id);
                if (a.version() != seenVersion) {
                  throw new OptimisticLockingFailureException("integration changed meanwhile");
                }
                IntegrationStatus statusBefore = a.status();
                StatusReason reasonBefore = a.statusReason();
                if (newCredential != null) {
                  int versionBefore = a.credentialVersion();
                  String hintBefore = a.credentialHint();
                  a.rotate(
                      newCredential.ciphertext(),
                      newCredential.hint(),
                      now,
                      now.plus(properties.policy().rotationGrace()),
                      failureOf(checked));
                  record(
                      EventTypes.INTEGRATION_TOKEN_ROTATED,
                      a,
                      "rotate",
                      Outcome.SUCCESS,
                      Map.of(
                          "credential_version", new Change(versionBefore, a.credentialVersion()),
                          "credential_hint", new Change(hintBefore, a.credentialHint())));
                }
                if (metaChanged) {
                  Map<String, String> metaBefore = a.meta();
                  a.changeMeta(newMeta, now);
                  if (newCredential == null && checked != null) {
                    a.recordValidation(
                        failureOf(checked),
                        checked.isValid() || checked.isRejected(),
                        now,
                        nextCheck(now));
                  }
                  record(
                      EventTypes.INTEGRATION_UPDATED,
                      a,
                      "update",
                      Outcome.SUCCESS,
                      Map.of("meta", new Change(metaBefore, newMeta)));
                }
                applyRequestedStatus(a, request.status(), now);
                if (checked != null) {
                  recordValidation(a, checked);
                }
                recordStatusChange(a, statusBefore, reasonBefore, "update");
                accounts.saveAndFlush(a);
                return a;
              });
      metrics.succeeded(newCredential != null ? Operation.ROTATE : Operation.UPDATE);
      return response(account, now);
    } catch (DataIntegrityViolationException e) {
      throw translateConflict(e, type, "update");
    }
  }

  /** Delete = revoke: at the provider where it can (Google), then the ciphertext is destroyed. */
  public void delete(CurrentUser user, UUID id) {
    IntegrationAccount current = readVisible(user, id);
    String providerRevocation = "not_supported";
    if (current.isOAuth() && current.credentialCiphertext() != null) {
      String token =
          cipher.decrypt(
              current.ownerId(),
              current.refreshTokenCiphertext() != null
                  ? current.refreshTokenCiphertext()
                  : current.credentialCiphertext());
      if (google.handles(current.type())) {
        providerRevocation = google.revoke(token) ? "revoked" : "failed";
      }
    }
    String revocation = providerRevocation;
    Instant now = clock.instant();
    transactions.executeWithoutResult(
        tx -> {
          IntegrationAccount a = visible(user, id);
          IntegrationStatus before = a.status();
          a.revoke(now);
          accounts.saveAndFlush(a);
          record(
              EventTypes.INTEGRATION_REVOKED,
              a,
              "delete",
              Outcome.SUCCESS,
              Map.of(
                  "status", new Change(before.value(), a.status().value()),
                  "provider_revocation", new Change(null, revocation)));
        });
    metrics.succeeded(Operation.REVOKE);
  }

  /** A live check of a stored credential, now. */
  public ValidationResponse validate(CurrentUser user, UUID id) {
    IntegrationAccount current = transactions.execute(tx -> owned(user, id));
    if (current.credentialCiphertext() == null) {
      throw CredentialUnusableException.of(
          current.type().value(), current.status(), current.statusReason());
    }
    List<String> subjects = List.of("user:" + user.id(), "integration:" + id);
    throttle.checkAllowed(subjects);
    ValidationResult result = providers.check(current.type(), secretOf(current), current.meta());
    if (result.isRejected()) {
      throttle.recordFailure(subjects);
    }
    IntegrationAccount account = transactions.execute(tx -> applyValidation(id, result));
    return ValidationResponse.of(result, response(account, clock.instant()));
  }

  /** The periodic re-check (system actor, no throttle); a credential gone meanwhile is skipped. */
  public void revalidate(UUID id) {
    IntegrationAccount current = accounts.findById(id).orElse(null);
    if (current == null
        || current.credentialCiphertext() == null
        || !LIVE.contains(current.status())) {
      return;
    }
    ValidationResult result = providers.check(current.type(), secretOf(current), current.meta());
    transactions.execute(tx -> applyValidation(id, result));
  }

  /**
   * Claims up to {@code batch} credentials due for their periodic check and moves their next check
   * (interval plus random jitter) in the same short transaction; rows another replica claims are
   * skipped.
   */
  @Transactional
  public List<UUID> claimDueForRevalidation(int batch) {
    Instant now = clock.instant();
    List<IntegrationAccount> due =
        accounts.claimDueForValidation(
            EnumSet.of(IntegrationStatus.ACTIVE, IntegrationStatus.ERROR), now, Limit.of(batch));
    due.forEach(a -> a.scheduleValidation(nextCheck(now)));
    return due.stream().map(IntegrationAccount::id).toList();
  }

  /** The user's live integration of a type (one indexed read), for brokering. */
  @Transactional(readOnly = true)
  public Optional<IntegrationAccount> live(String ownerId, IntegrationType type) {
    return accounts.findFirstByOwnerIdAndTypeAndStatusIn(ownerId, type, LIVE);
  }

  /**
   * A service read the credential: {@code last_used_at} (no version bump, so reads never conflict
   * with edits) and an {@code accessed} event naming the caller, in one transaction.
   */
  @Transactional
  public void recordBrokeredRead(IntegrationAccount account) {
    accounts.markUsed(account.id(), clock.instant());
    record(
        EventTypes.INTEGRATION_ACCESSED,
        account,
        "broker",
        Outcome.SUCCESS,
        Map.of(
            "credential_version", new Change(null, account.credentialVersion()),
            "type", new Change(null, account.type().value())));
  }

  /** Tests a credential before saving it; stores nothing but the failure count and an event. */
  public ValidationResponse test(CurrentUser user, TestCredentialRequest request) {
    IntegrationType type = UnsupportedIntegrationException.require(request.type());
    Map<String, String> meta = metaValidator.validate(type, request.meta());
    ValidationResult result =
        check(
            user,
            credentialSubject(type, request.accessToken()),
            type,
            request.accessToken(),
            meta);
    transactions.executeWithoutResult(
        tx ->
            events.record(
                result.isValid()
                    ? EventTypes.INTEGRATION_VALIDATED
                    : EventTypes.INTEGRATION_VALIDATION_FAILED,
                new CredentialEvents.Subject(user.id(), "integration-check", type.value()),
                "test",
                result.isValid() ? Outcome.SUCCESS : Outcome.FAILURE,
                Map.of("outcome", new Change(null, result.outcome()))));
    return ValidationResponse.of(result, null);
  }

  @Transactional
  public IntegrationAccountResponse rollback(CurrentUser user, UUID id) {
    IntegrationAccount a = owned(user, id);
    int versionBefore = a.credentialVersion();
    String hintBefore = a.credentialHint();
    IntegrationStatus statusBefore = a.status();
    StatusReason reasonBefore = a.statusReason();
    Instant now = clock.instant();
    a.rollback(now);
    record(
        EventTypes.INTEGRATION_ROLLED_BACK,
        a,
        "rollback",
        Outcome.SUCCESS,
        Map.of(
            "credential_version", new Change(versionBefore, a.credentialVersion()),
            "credential_hint", new Change(hintBefore, a.credentialHint())));
    recordStatusChange(a, statusBefore, reasonBefore, "rollback");
    accounts.saveAndFlush(a);
    metrics.succeeded(Operation.ROTATE);
    return response(a, now);
  }

  /**
   * Locks the row: two checks of one integration (two tabs, a check and the revalidation job)
   * finish one after the other instead of the second failing on the version the first one wrote.
   */
  private IntegrationAccount applyValidation(UUID id, ValidationResult result) {
    IntegrationAccount a =
        accounts
            .findForUpdate(id)
            .filter(x -> x.status() != IntegrationStatus.REVOKED)
            .orElseThrow(() -> IntegrationNotFoundException.forId(id));
    IntegrationStatus statusBefore = a.status();
    StatusReason reasonBefore = a.statusReason();
    Instant now = clock.instant();
    boolean conclusive = result.isValid() || result.isRejected();
    Instant next =
        conclusive
            ? nextCheck(now)
            : now.plus(
                result.retryAfter() != null
                    ? result.retryAfter()
                    : properties.revalidation().jitter());
    if (a.status() == IntegrationStatus.EXPIRED || a.status() == IntegrationStatus.INACTIVE) {
      a.scheduleValidation(next); // policy or user decided; a check does not revive it
    } else {
      a.recordValidation(failureOf(result), conclusive, now, next);
    }
    recordValidation(a, result);
    recordStatusChange(a, statusBefore, reasonBefore, "validate");
    return accounts.saveAndFlush(a);
  }

  private String secretOf(IntegrationAccount account) {
    return accessTokens.current(account).value();
  }

  private ValidationResult check(
      CurrentUser user,
      String credentialSubject,
      IntegrationType type,
      String secret,
      Map<String, String> meta) {
    List<String> subjects = List.of("user:" + user.id(), credentialSubject);
    throttle.checkAllowed(subjects);
    ValidationResult result = providers.check(type, secret, meta);
    if (result.isRejected()) {
      throttle.recordFailure(subjects);
    }
    return result;
  }

  private static void requireAcceptable(ValidationResult result, boolean saveAnyway) {
    if (result.isValid() || saveAnyway) {
      return;
    }
    if (result.isRejected()) {
      throw CredentialRejectedException.of(result);
    }
    throw ProviderUnavailableException.of(result);
  }

  private void applyRequestedStatus(IntegrationAccount a, @Nullable String requested, Instant now) {
    if ("inactive".equals(requested) && a.status() != IntegrationStatus.INACTIVE) {
      a.deactivate(now);
    } else if ("active".equals(requested) && a.status() == IntegrationStatus.INACTIVE) {
      a.activate(now);
    }
  }

  private void recordValidation(IntegrationAccount a, ValidationResult result) {
    record(
        result.isValid()
            ? EventTypes.INTEGRATION_VALIDATED
            : EventTypes.INTEGRATION_VALIDATION_FAILED,
        a,
        "validate",
        result.isValid() ? Outcome.SUCCESS : Outcome.FAILURE,
        Map.of("outcome", new Change(null, result.outcome())));
  }

  private void recordStatusChange(
      IntegrationAccount a,
      IntegrationStatus before,
      @Nullable StatusReason reasonBefore,
      String action) {
    if (a.status() != before || !Objects.equals(a.statusReason(), reasonBefore)) {
      Map<String, Change> changes = new HashMap<>();
      changes.put("status", new Change(before.value(), a.status().value()));
      changes.put(
          "status_reason",
          new Change(
              reasonBefore == null ? null : reasonBefore.value(),
              a.statusReason() == null ? null : a.statusReason().value()));
      record(EventTypes.INTEGRATION_STATUS_CHANGED, a, action, Outcome.SUCCESS, changes);
    }
  }

  private void record(
      String type,
      IntegrationAccount a,
      String action,
      String outcome,
      Map<String, Change> changes) {
    events.record(
        type,
        new CredentialEvents.Subject(a.ownerId(), ENTITY, a.id().toString()),
        action,
        outcome,
        changes);
  }

  private RuntimeException translateConflict(
      DataIntegrityViolationException e, IntegrationType type, String op) {
    String message = String.valueOf(e.getMostSpecificCause().getMessage());
    if (message.contains(UNIQUE_INDEX)) {
      metrics.failed("create".equals(op) ? Operation.CREATE : Operation.UPDATE);
      return IntegrationAlreadyExistsException.ofType(type);
    }
    return e;
  }

  private IntegrationAccount readVisible(CurrentUser user, UUID id) {
    return transactions.execute(tx -> visible(user, id));
  }

  /**
   * For every write but disabling and deleting (rotate, change meta, re-enable, roll back,
   * validate): the owner only. An admin gets the same 404 as any other user, so no admin path
   * decides where a user's stored secret is sent.
   */
  private IntegrationAccount owned(CurrentUser user, UUID id) {
    return accounts
        .findById(id)
        .filter(a -> a.status() != IntegrationStatus.REVOKED && user.id().equals(a.ownerId()))
        .orElseThrow(() -> IntegrationNotFoundException.forId(id));
  }

  /** For reading, disabling and deleting: the owner or an admin. */
  private IntegrationAccount visible(CurrentUser user, UUID id) {
    return accounts
        .findById(id)
        .filter(a -> a.status() != IntegrationStatus.REVOKED && user.mayAccess(a.ownerId()))
        .orElseThrow(() -> IntegrationNotFoundException.forId(id));
  }

  private Instant nextCheck(Instant now) {
    long jitter = properties.revalidation().jitter().toMillis();
    return now.plus(properties.revalidation().interval())
        .plusMillis(jitter <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter));
  }

  private static @Nullable StatusReason failureOf(@Nullable ValidationResult result) {
    return result == null || result.isValid() ? null : StatusReason.of(result.requireReason());
  }

  /** A new API token as stored: its ciphertext and its masked hint. */
  private record SealedCredential(String ciphertext, String hint) {}

  /** Counts failures per credential without storing it: a short digest of type and token. */
  static String credentialSubject(IntegrationType type, String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((type.value() + ":" + token).getBytes(StandardCharsets.UTF_8));
      return "credential:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private IntegrationAccountResponse response(IntegrationAccount account, Instant now) {
    return IntegrationAccountResponse.from(account, now, properties.policy().staleAfter());
  }
}
