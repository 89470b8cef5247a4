package io.mcpmanager.kit.events;

import io.mcpmanager.events.EventTypes;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The owners (user ids) disabled in auth-server, in this service's {@code disabled_owner} table,
 * kept by {@link UserStatusListener}. Brokering and refresh of an owner's credentials check it at
 * their entry.
 */
public class DisabledOwners {

  private static final Pattern TABLE = Pattern.compile("[a-z_]+");

  private final JdbcClient jdbc;

  public DisabledOwners(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public boolean isDisabled(@Nullable String ownerId) {
    return ownerId != null
        && jdbc.sql("SELECT count(*) FROM disabled_owner WHERE owner_id = :id")
                .param("id", ownerId)
                .query(Long.class)
                .single()
            > 0;
  }

  /** Refuses (403 owner-disabled) when the owner is disabled. */
  public void requireEnabled(@Nullable String ownerId) {
    if (isDisabled(ownerId)) {
      throw new OwnerDisabledException();
    }
  }

  /**
   * The ids (of rows in {@code table}, which has {@code id} and {@code owner_id}) whose owner is
   * not disabled, in their order: refresh jobs skip the others.
   */
  public List<UUID> withoutDisabledOwners(String table, List<UUID> ids) {
    if (!TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    if (ids.isEmpty()) {
      return ids;
    }
    List<UUID> disabled =
        jdbc.sql(
                "SELECT t.id FROM "
                    + table
                    + " t JOIN disabled_owner d ON d.owner_id = t.owner_id WHERE t.id IN (:ids)")
            .param("ids", ids)
            .query((row, n) -> row.getObject(1, UUID.class))
            .list();
    return disabled.isEmpty() ? ids : ids.stream().filter(id -> !disabled.contains(id)).toList();
  }

  /** Applies one event (idempotent); types other than user.disabled/enabled are ignored. */
  void apply(String type, @Nullable String ownerId) {
    if (ownerId == null) {
      return;
    }
    if (EventTypes.USER_DISABLED.equals(type)) {
      jdbc.sql("INSERT INTO disabled_owner (owner_id) VALUES (:id) ON CONFLICT DO NOTHING")
          .param("id", ownerId)
          .update();
    } else if (EventTypes.USER_ENABLED.equals(type)) {
      jdbc.sql("DELETE FROM disabled_owner WHERE owner_id = :id").param("id", ownerId).update();
    }
  }
}
