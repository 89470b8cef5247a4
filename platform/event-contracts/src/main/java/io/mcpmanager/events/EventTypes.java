package io.mcpmanager.events;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CloudEvents {@code type} values: {@code io.mcpmanager.<aggregate>.<past-tense-verb>}. Consumers
 * must accept types not listed here (new producers must not need a consumer release).
 */
public final class EventTypes {

  private static final String PREFIX = "io.mcpmanager.";
  private static final Pattern FORM =
      Pattern.compile("io\\.mcpmanager\\.[a-z][a-z-]*\\.[a-z][a-z-]*");

  // integration-service
  public static final String INTEGRATION_CREATED = of("integration", "created");
  public static final String INTEGRATION_UPDATED = of("integration", "updated");
  public static final String INTEGRATION_TOKEN_ROTATED = of("integration", "token-rotated");
  public static final String INTEGRATION_ROLLED_BACK = of("integration", "rolled-back");
  public static final String INTEGRATION_VALIDATED = of("integration", "validated");
  public static final String INTEGRATION_VALIDATION_FAILED = of("integration", "validation-failed");
  public static final String INTEGRATION_STATUS_CHANGED = of("integration", "status-changed");
  public static final String INTEGRATION_REFRESHED = of("integration", "refreshed");
  public static final String INTEGRATION_REFRESH_FAILED = of("integration", "refresh-failed");
  public static final String INTEGRATION_EXPIRING = of("integration", "expiring");
  public static final String INTEGRATION_EXPIRED = of("integration", "expired");
  public static final String INTEGRATION_REVOKED = of("integration", "revoked");
  public static final String INTEGRATION_ACCESSED = of("integration", "accessed");
  public static final String INTEGRATION_CONNECT_FAILED = of("integration", "connect-failed");

  // git-connection-service
  public static final String GIT_CONNECTED = of("git-connection", "connected");
  public static final String GIT_RECONNECTED = of("git-connection", "reconnected");

  /**
   * A connect that got as far as a valid state and then failed (denied by the user, exchange
   * failed).
   */
  public static final String GIT_CONNECT_FAILED = of("git-connection", "connect-failed");

  public static final String GIT_REFRESHED = of("git-connection", "refreshed");
  public static final String GIT_REFRESH_FAILED = of("git-connection", "refresh-failed");
  public static final String GIT_EXPIRED = of("git-connection", "expired");
  public static final String GIT_DISCONNECTED = of("git-connection", "disconnected");
  public static final String GIT_REVOKED = of("git-connection", "revoked");
  public static final String GIT_REVOKE_FAILED = of("git-connection", "revoke-failed");
  public static final String GIT_SYNC_STARTED = of("git-connection", "sync-started");
  public static final String GIT_SYNC_FINISHED = of("git-connection", "sync-finished");
  public static final String GIT_SYNC_FAILED = of("git-connection", "sync-failed");
  public static final String GIT_ACCESSED = of("git-connection", "accessed");

  // mcp-server-service
  public static final String MCP_SERVER_REGISTERED = of("mcp-server", "registered");
  public static final String MCP_SERVER_UPDATED = of("mcp-server", "updated");
  public static final String MCP_SERVER_DELETED = of("mcp-server", "deleted");

  /** The owner replaced the server's public key; the server is back to {@code connecting}. */
  public static final String MCP_SERVER_REKEYED = of("mcp-server", "rekeyed");

  /** The owner moved the server to another URL; the server is back to {@code connecting}. */
  public static final String MCP_SERVER_REPOINTED = of("mcp-server", "repointed");

  public static final String MCP_KEY_CREATED = of("mcp-server", "key-created");
  public static final String MCP_KEY_ROTATED = of("mcp-server", "key-rotated");
  public static final String MCP_KEY_RETIRED = of("mcp-server", "key-retired");
  public static final String MCP_SERVER_CHECKED = of("mcp-server", "checked");
  public static final String MCP_INTEGRATION_ENABLED = of("mcp-integration", "enabled");
  public static final String MCP_INTEGRATION_DISABLED = of("mcp-integration", "disabled");
  public static final String MCP_INTEGRATION_UPDATED = of("mcp-integration", "updated");
  public static final String MCP_INTEGRATION_DELETED = of("mcp-integration", "deleted");
  public static final String MCP_CREDENTIAL_BROKERED = of("mcp-server", "credential-brokered");
  public static final String MCP_BROKER_DENIED = of("mcp-server", "broker-denied");

  // auth-server
  public static final String LOGIN_SUCCEEDED = of("user", "login-succeeded");
  public static final String LOGIN_FAILED = of("user", "login-failed");
  public static final String USER_CREATED = of("user", "created");
  public static final String USER_DISABLED = of("user", "disabled");
  public static final String USER_ENABLED = of("user", "enabled");
  public static final String SIGNING_KEY_ROTATED = of("signing-key", "rotated");
  public static final String USER_UNLOCKED = of("user", "unlocked");
  public static final String PAT_CREATED = of("personal-access-token", "created");
  public static final String PAT_REGENERATED = of("personal-access-token", "regenerated");
  public static final String PAT_REVOKED = of("personal-access-token", "revoked");
  // A delegated short-lived token was issued (scopes, audience, actor, expiry; never the token).
  public static final String DELEGATION_CREATED = of("delegation", "created");

  // auth-server: sessions (an authorization: a sign-in, a device-flow CLI, an MCP client grant)

  /** A session ended by its user; the gateway refuses its tokens ({@code sid}) from then on. */
  public static final String SESSION_REVOKED = of("session", "revoked");

  /** A sign-in from a user agent and address the user had not signed in from before. */
  public static final String SESSION_NEW_DEVICE = of("session", "new-device");

  // auth-server: second factors (never the secret, a code or a recovery code)
  public static final String MFA_ENROLLED = of("mfa", "enrolled");
  public static final String MFA_DISABLED = of("mfa", "disabled");
  public static final String MFA_RECOVERY_CODE_USED = of("mfa", "recovery-code-used");
  public static final String MFA_LOCKED = of("mfa", "locked");

  // audit-service
  public static final String AUDIT_RETENTION_APPLIED = of("audit", "retention-applied");

  private EventTypes() {}

  /** Builds a type name from an aggregate and a past-tense verb, both kebab-case. */
  public static String of(String aggregate, String verb) {
    String type = PREFIX + aggregate + "." + verb;
    if (!FORM.matcher(type).matches()) {
      throw new IllegalArgumentException("not a valid event type: " + type);
    }
    return type;
  }

  public static boolean isWellFormed(@Nullable String type) {
    return type != null && FORM.matcher(type).matches();
  }
}
