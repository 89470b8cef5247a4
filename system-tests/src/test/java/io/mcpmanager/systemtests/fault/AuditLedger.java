package io.mcpmanager.systemtests.fault;

import io.mcpmanager.systemtests.LocalStack;
import io.mcpmanager.systemtests.fault.CredentialLoad.Kind;
import io.mcpmanager.systemtests.fault.CredentialLoad.Operation;
import io.mcpmanager.systemtests.fault.CredentialLoad.Outcome;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what the gateway acknowledged with what the audit trail (audit database) and the
 * integration database hold, read directly with SQL as an auditor would.
 */
final class AuditLedger {

  static final String CREATED = "io.mcpmanager.integration.created";
  static final String ROTATED = "io.mcpmanager.integration.token-rotated";
  static final String REVOKED = "io.mcpmanager.integration.revoked";

  /** One audited change: a rotation is told apart by the credential version it produced. */
  record Change(String eventType, String accountId, int version) {
    static Change of(Operation op) {
      return switch (op.kind()) {
        case CREATE -> new Change(CREATED, op.accountId(), 0);
        case ROTATE -> new Change(ROTATED, op.accountId(), op.version());
        case DELETE -> new Change(REVOKED, op.accountId(), 0);
      };
    }
  }

  /** An integration as the integration database holds it. */
  record Account(String id, String ownerId, int credentialVersion, String status) {}

  /**
   * The comparison.
   *
   * @param lost acknowledged changes with no audit row
   * @param duplicated acknowledged changes with more than one audit row
   * @param unexplained audit rows of the load's users that no acknowledged change explains, by
   *     event type
   * @param unknownAccounts integrations of the load's users that no acknowledged (or unknown, later
   *     found) create made
   * @param inconsistent integrations whose stored state disagrees with their audit trail
   * @param pendingOutbox events of the integration service not yet published
   */
  record Result(
      int acknowledged,
      List<Change> lost,
      List<Change> duplicated,
      Map<String, Integer> unexplained,
      List<Account> unknownAccounts,
      List<String> inconsistent,
      long pendingOutbox,
      int accounts,
      long auditRows) {}

  private AuditLedger() {}

  static Result compare(
      List<Operation> operations, Collection<String> ownerIds, Set<String> foundAfterUnknown)
      throws SQLException {
    Map<Change, Integer> expected = new HashMap<>();
    Set<String> madeByLoad = new HashSet<>(foundAfterUnknown);
    for (Operation op : operations) {
      if (op.outcome() == Outcome.ACKNOWLEDGED) {
        expected.merge(Change.of(op), 1, Integer::sum);
        if (op.kind() == Kind.CREATE) {
          madeByLoad.add(op.accountId());
        }
      }
    }
    Map<Change, Integer> rows = auditRows(ownerIds);
    List<Change> lost = new ArrayList<>();
    List<Change> duplicated = new ArrayList<>();
    int acknowledged = 0;
    for (Map.Entry<Change, Integer> e : expected.entrySet()) {
      acknowledged += e.getValue();
      int found = rows.getOrDefault(e.getKey(), 0);
      if (found == 0) {
        lost.add(e.getKey());
      } else if (found > e.getValue()) {
        duplicated.add(e.getKey());
      }
      if (e.getValue() > 1) {
        duplicated.add(e.getKey()); // two acknowledgements for one change: a duplicate as well
      }
    }
    Map<String, Integer> unexplained = new HashMap<>();
    Map<String, Integer> rotationsPerAccount = new HashMap<>();
    Set<String> revokedInTrail = new HashSet<>();
    long auditRows = 0;
    for (Map.Entry<Change, Integer> e : rows.entrySet()) {
      auditRows += e.getValue();
      if (!expected.containsKey(e.getKey())) {
        unexplained.merge(e.getKey().eventType(), e.getValue(), Integer::sum);
      }
      if (e.getKey().eventType().equals(ROTATED)) {
        rotationsPerAccount.merge(e.getKey().accountId(), e.getValue(), Integer::sum);
      }
      if (e.getKey().eventType().equals(REVOKED)) {
        revokedInTrail.add(e.getKey().accountId());
      }
    }
    List<Account> accounts = accounts(ownerIds);
    List<Account> unknownAccounts = new ArrayList<>();
    List<String> inconsistent = new ArrayList<>();
    for (Account a : accounts) {
      if (!madeByLoad.contains(a.id())) {
        unknownAccounts.add(a);
      }
      int rotations = rotationsPerAccount.getOrDefault(a.id(), 0);
      if (a.credentialVersion() != 1 + rotations) {
        inconsistent.add(
            a.id()
                + ": credential_version "
                + a.credentialVersion()
                + " but "
                + rotations
                + " token-rotated rows");
      }
      if (a.status().equals("REVOKED") != revokedInTrail.contains(a.id())) {
        inconsistent.add(
            a.id()
                + ": status "
                + a.status()
                + " but revoked row "
                + revokedInTrail.contains(a.id()));
      }
      if (!rows.containsKey(new Change(CREATED, a.id(), 0))) {
        inconsistent.add(a.id() + ": stored but no created row");
      }
    }
    return new Result(
        acknowledged,
        lost,
        duplicated,
        unexplained,
        unknownAccounts,
        inconsistent,
        pendingOutbox(),
        accounts.size(),
        auditRows);
  }

  /** Audit rows of the three event types for the given owners, counted per change. */
  private static Map<Change, Integer> auditRows(Collection<String> ownerIds) throws SQLException {
    Map<Change, Integer> rows = new HashMap<>();
    try (Connection c = connect("audit");
        PreparedStatement s =
            c.prepareStatement(
                """
        SELECT event_type, entity_id,
               CASE WHEN event_type = ? THEN (changes -> 'credential_version' ->> 'after')::int ELSE 0 END AS version,
               count(*) AS n
        FROM audit_entry
        WHERE owner_id = ANY (?) AND entity_type = 'integration' AND event_type IN (?, ?, ?)
        GROUP BY 1, 2, 3""")) {
      s.setString(1, ROTATED);
      s.setArray(2, c.createArrayOf("text", ownerIds.toArray()));
      s.setString(3, CREATED);
      s.setString(4, ROTATED);
      s.setString(5, REVOKED);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.put(new Change(r.getString(1), r.getString(2), r.getInt(3)), r.getInt(4));
        }
      }
    }
    return rows;
  }

  private static List<Account> accounts(Collection<String> ownerIds) throws SQLException {
    List<Account> accounts = new ArrayList<>();
    try (Connection c = connect("integration");
        PreparedStatement s =
            c.prepareStatement(
                "SELECT id, owner_id, credential_version, status FROM integration_account WHERE owner_id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("text", ownerIds.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          accounts.add(new Account(r.getString(1), r.getString(2), r.getInt(3), r.getString(4)));
        }
      }
    }
    return accounts;
  }

  private static long pendingOutbox() throws SQLException {
    try (Connection c = connect("integration");
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM outbox_event");
        ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(LocalStack.PORTS.jdbcUrl(database), "postgres", "");
  }
}
