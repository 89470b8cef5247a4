package io.mcpmanager.auth.pat;

import io.mcpmanager.auth.user.ApiScopes;
import io.mcpmanager.auth.user.UserDirectory;
import io.mcpmanager.auth.user.UserSummary;
import io.mcpmanager.events.CredentialEventData.Change;
import io.mcpmanager.events.CredentialEventData.Outcome;
import io.mcpmanager.events.EventTypes;
import io.mcpmanager.kit.error.NotFoundException;
import io.mcpmanager.kit.events.CredentialEvents;
import io.mcpmanager.kit.secrets.KeyedHash;
import io.mcpmanager.kit.security.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal access tokens: issued, listed, regenerated and revoked by their owner (every change one
 * transaction with its event, never carrying the secret), resolved for the gateway, and their use
 * added up per day from the gateway's batches.
 */
@Service
public class PersonalAccessTokenService {

  private static final String ENTITY_TYPE = "personal_access_token";
  private static final int USAGE_DAYS = 30;
  private static final int MAX_USER_AGENT = 256;

  private final PersonalAccessTokenRepository tokens;
  private final UserDirectory users;
  private final KeyedHash hash;
  private final PatAccessTokens accessTokens;
  private final CredentialEvents events;
  private final JdbcClient jdbc;
  private final PatProperties properties;
  private final Clock clock;

  PersonalAccessTokenService(
      PersonalAccessTokenRepository tokens,
      UserDirectory users,
      KeyedHash hash,
      PatAccessTokens accessTokens,
      CredentialEvents events,
      JdbcClient jdbc,
      PatProperties properties,
      Clock clock) {
    this.tokens = tokens;
    this.users = users;
    this.hash = hash;
    this.accessTokens = accessTokens;
    this.events = events;
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * A new token with at most the scopes both the owner holds and the calling token carries (a token
   * never creates a stronger one).
   */
  @Transactional
  CreatedPatResponse create(CurrentUser caller, CreatePatRequest request) {
    UserSummary owner = owner(caller);
    List<String> scopes = grantable(caller, owner, request.scopes());
    List<String> cidrs =
        Cidrs.validated(request.allowedCidrs() == null ? List.of() : request.allowedCidrs());
    if (tokens.countByOwnerId(owner.id()) >= properties.maxPerUser()) {
      throw PatRequestException.tooMany(properties.maxPerUser());
    }
    int days =
        request.expiresInDays() == null
            ? PatProperties.DEFAULT_LIFETIME_DAYS
            : request.expiresInDays();
    String secret = PatSecret.generate();
    PersonalAccessToken token =
        tokens.save(
            PersonalAccessToken.issue(
                owner.id(),
                request.name().trim(),
                scopes,
                cidrs,
                hash.hash(secret),
                PatSecret.hint(secret),
                clock.instant(),
                Duration.ofDays(days)));
    record(
        EventTypes.PAT_CREATED,
        token,
        "create",
        Map.of(
            "name", new Change(null, token.name()),
            "scopes", new Change(null, token.scopes()),
            "allowed_cidrs", new Change(null, token.allowedCidrs()),
            "expires_at", new Change(null, token.expiresAt().toString())));
    return new CreatedPatResponse(secret, response(token, Map.of()));
  }

  @Transactional(readOnly = true)
  List<PatResponse> list(CurrentUser caller) {
    List<PersonalAccessToken> owned =
        tokens.findAllByOwnerIdOrderByCreatedAt(UUID.fromString(caller.id()));
    Map<UUID, List<PatResponse.DailyUses>> uses = dailyUses(owned);
    return owned.stream().map(token -> response(token, uses)).toList();
  }

  /** A new secret for the same token; the old one stops working at the gateway within 5 s. */
  @Transactional
  CreatedPatResponse regenerate(CurrentUser caller, UUID id) {
    PersonalAccessToken token = owned(caller, id);
    Instant expiresBefore = token.expiresAt();
    String secret = PatSecret.generate();
    token.regenerate(hash.hash(secret), PatSecret.hint(secret), clock.instant());
    record(
        EventTypes.PAT_REGENERATED,
        token,
        "regenerate",
        Map.of("expires_at", new Change(expiresBefore.toString(), token.expiresAt().toString())));
    return new CreatedPatResponse(secret, response(token, dailyUses(List.of(token))));
  }

  @Transactional
  void revoke(CurrentUser caller, UUID id) {
    PersonalAccessToken token = owned(caller, id);
    tokens.delete(token);
    record(
        EventTypes.PAT_REVOKED,
        token,
        "revoke",
        Map.of(
            "name", new Change(token.name(), null),
            "scopes", new Change(token.scopes(), null),
            "expires_at", new Change(token.expiresAt().toString(), null)));
  }

  /**
   * The owner, scopes and networks of a presented token, with a short-lived JWT for the services. A
   * malformed token (wrong prefix, length or checksum) is refused before any lookup.
   */
  @Transactional(readOnly = true)
  ResolvedPatResponse resolve(String presented) {
    if (!PatSecret.isWellFormed(presented)) {
      return ResolvedPatResponse.inactive();
    }
    String computed = hash.hash(presented);
    PersonalAccessToken token = tokens.findBySecretHash(computed).orElse(null);
    // The index found it by equality; compare again in constant time before trusting the row.
    if (token == null
        || !MessageDigest.isEqual(
            token.secretHash().getBytes(StandardCharsets.US_ASCII),
            computed.getBytes(StandardCharsets.US_ASCII))
        || token.isExpiredAt(clock.instant())) {
      return ResolvedPatResponse.inactive();
    }
    UserSummary owner = users.findById(token.ownerId()).filter(UserSummary::enabled).orElse(null);
    if (owner == null) {
      return ResolvedPatResponse.inactive();
    }
    // The owner may have lost a scope since: the token never holds more than its owner now.
    List<String> scopes =
        token.scopes().stream().filter(ApiScopes.heldBy(owner.roles())::contains).toList();
    PatAccessTokens.Minted jwt = accessTokens.mint(token.id(), owner, scopes, token.expiresAt());
    return new ResolvedPatResponse(
        true, token.id(), owner.id(), scopes, token.allowedCidrs(), jwt.value(), jwt.expiresAt());
  }

  /** Adds a gateway's batch: last use per token and the count of its UTC day. */
  @Transactional
  void recordUsage(PatUsageReport report) {
    for (PatUsageReport.Use use : report.uses()) {
      tokens
          .findById(use.patId())
          .ifPresent(
              token -> {
                token.recordUse(
                    use.lastUsedAt(), use.lastUsedIp(), truncate(use.lastUsedUserAgent()));
                jdbc.sql(
                        """
                        INSERT INTO personal_access_token_use (token_id, day, uses)
                        VALUES (:token, :day, :uses)
                        ON CONFLICT (token_id, day)
                        DO UPDATE SET uses = personal_access_token_use.uses + EXCLUDED.uses""")
                    .param("token", token.id())
                    .param(
                        "day", Date.valueOf(use.lastUsedAt().atZone(ZoneOffset.UTC).toLocalDate()))
                    .param("uses", use.count())
                    .update();
              });
    }
  }

  private UserSummary owner(CurrentUser caller) {
    UUID id = UUID.fromString(caller.id());
    return users
        .findById(id)
        .filter(UserSummary::enabled)
        .orElseThrow(() -> NotFoundException.of("User", id));
  }

  private static List<String> grantable(
      CurrentUser caller, UserSummary owner, List<String> requested) {
    Set<String> asked = new TreeSet<>(requested.stream().map(String::trim).toList());
    List<String> unknown = asked.stream().filter(s -> !ApiScopes.isApiScope(s)).toList();
    if (!unknown.isEmpty()) {
      throw PatRequestException.unknownScopes(unknown);
    }
    List<String> held = ApiScopes.heldBy(owner.roles());
    List<String> notHeld =
        asked.stream().filter(s -> !held.contains(s) || !caller.hasScope(s)).toList();
    if (!notHeld.isEmpty()) {
      throw PatRequestException.scopesNotHeld(notHeld);
    }
    return List.copyOf(asked);
  }

  private PersonalAccessToken owned(CurrentUser caller, UUID id) {
    return tokens
        .findByIdAndOwnerId(id, UUID.fromString(caller.id()))
        .orElseThrow(() -> PatNotFoundException.forId(id));
  }

  private Map<UUID, List<PatResponse.DailyUses>> dailyUses(List<PersonalAccessToken> owned) {
    if (owned.isEmpty()) {
      return Map.of();
    }
    LocalDate since = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(USAGE_DAYS);
    record Row(UUID tokenId, LocalDate day, long uses) {}
    return jdbc
        .sql(
            """
            SELECT token_id, day, uses FROM personal_access_token_use
            WHERE token_id IN (:tokens) AND day > :since ORDER BY day DESC""")
        .param("tokens", owned.stream().map(PersonalAccessToken::id).toList())
        .param("since", Date.valueOf(since))
        .query(
            (rs, n) ->
                new Row(
                    rs.getObject("token_id", UUID.class),
                    rs.getDate("day").toLocalDate(),
                    rs.getLong("uses")))
        .list()
        .stream()
        .collect(
            Collectors.groupingBy(
                Row::tokenId,
                LinkedHashMap::new,
                Collectors.mapping(
                    row -> new PatResponse.DailyUses(row.day(), row.uses()), Collectors.toList())));
  }

  private PatResponse response(
      PersonalAccessToken token, Map<UUID, List<PatResponse.DailyUses>> uses) {
    Instant now = clock.instant();
    return new PatResponse(
        token.id(),
        token.name(),
        token.secretHint(),
        token.scopes(),
        token.allowedCidrs(),
        token.createdAt(),
        token.expiresAt(),
        token.isExpiredAt(now),
        token.lastUsedAt(),
        token.lastUsedIp(),
        token.lastUsedUserAgent(),
        token.isUnusedFor(properties.unusedAfter(), now),
        uses.getOrDefault(token.id(), List.of()));
  }

  private void record(
      String type, PersonalAccessToken token, String action, Map<String, Change> changes) {
    events.record(
        type,
        new CredentialEvents.Subject(
            token.ownerId().toString(), ENTITY_TYPE, token.id().toString()),
        action,
        Outcome.SUCCESS,
        changes);
  }

  private static @Nullable String truncate(@Nullable String value) {
    return value == null || value.length() <= MAX_USER_AGENT
        ? value
        : value.substring(0, MAX_USER_AGENT);
  }
}
