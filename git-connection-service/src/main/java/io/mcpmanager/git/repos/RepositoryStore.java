package io.mcpmanager.git.repos;

import io.mcpmanager.git.provider.RemoteRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The synced repository rows, written a page at a time with one batched upsert (a 1,000-repository
 * account is ten statements' worth of round trips, not a thousand entity merges).
 */
@Component
class RepositoryStore {

  private static final String COLUMNS =
      """
      id, connection_id, provider, provider_repo_id, full_name, visibility, default_branch, clone_url_https,
      clone_url_ssh, can_admin, can_push, can_pull, archived, provider_updated_at, synced_at, removed_at""";

  private final NamedParameterJdbcTemplate jdbc;

  RepositoryStore(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Criteria of a listing; {@code connectionId} or {@code ownerId} scopes it. */
  record Filter(
      String ownerId,
      String provider,
      @Nullable UUID connectionId,
      @Nullable String query,
      @Nullable String visibility,
      @Nullable Boolean archived,
      boolean includeRemoved) {}

  void upsert(
      UUID connectionId,
      String ownerId,
      String provider,
      UUID syncId,
      List<RemoteRepository> page,
      Instant now) {
    SqlParameterSource[] rows =
        page.stream()
            .map(
                r ->
                    new MapSqlParameterSource()
                        .addValue("id", UUID.randomUUID())
                        .addValue("connection", connectionId)
                        .addValue("owner", ownerId)
                        .addValue("provider", provider)
                        .addValue("repoId", r.providerRepoId())
                        .addValue("fullName", r.fullName())
                        .addValue("visibility", r.visibility() == null ? "private" : r.visibility())
                        .addValue("branch", r.defaultBranch())
                        .addValue("https", r.cloneUrlHttps())
                        .addValue("ssh", r.cloneUrlSsh())
                        .addValue("admin", r.admin())
                        .addValue("push", r.push())
                        .addValue("pull", r.pull())
                        .addValue("archived", r.archived())
                        .addValue(
                            "updated", r.updatedAt() == null ? null : Timestamp.from(r.updatedAt()))
                        .addValue("sync", syncId)
                        .addValue("now", Timestamp.from(now)))
            .toArray(SqlParameterSource[]::new);
    jdbc.batchUpdate(
        """
        INSERT INTO git_repository (id, connection_id, owner_id, provider, provider_repo_id, full_name, visibility,
            default_branch, clone_url_https, clone_url_ssh, can_admin, can_push, can_pull, archived,
            provider_updated_at, last_sync_id, synced_at, removed_at)
        VALUES (:id, :connection, :owner, :provider, :repoId, :fullName, :visibility, :branch, :https, :ssh, :admin,
            :push, :pull, :archived, :updated, :sync, :now, NULL)
        ON CONFLICT (connection_id, provider_repo_id) DO UPDATE SET full_name = EXCLUDED.full_name,
            visibility = EXCLUDED.visibility, default_branch = EXCLUDED.default_branch,
            clone_url_https = EXCLUDED.clone_url_https, clone_url_ssh = EXCLUDED.clone_url_ssh,
            can_admin = EXCLUDED.can_admin, can_push = EXCLUDED.can_push, can_pull = EXCLUDED.can_pull,
            archived = EXCLUDED.archived, provider_updated_at = EXCLUDED.provider_updated_at,
            last_sync_id = EXCLUDED.last_sync_id, synced_at = EXCLUDED.synced_at, removed_at = NULL""",
        rows);
  }

  /** Marks rows the completed sync did not see as removed at the provider; returns how many. */
  int markRemoved(UUID connectionId, UUID syncId, Instant now) {
    return jdbc.update(
        """
        UPDATE git_repository SET removed_at = :now
        WHERE connection_id = :connection AND last_sync_id <> :sync AND removed_at IS NULL""",
        new MapSqlParameterSource("connection", connectionId)
            .addValue("sync", syncId)
            .addValue("now", Timestamp.from(now)));
  }

  RepositoryPageResponse list(Filter filter, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE provider = :provider");
    MapSqlParameterSource params = new MapSqlParameterSource("provider", filter.provider());
    if (filter.connectionId() != null) {
      where.append(" AND connection_id = :connection");
      params.addValue("connection", filter.connectionId());
    } else {
      where.append(" AND owner_id = :owner");
      params.addValue("owner", filter.ownerId());
    }
    if (!filter.includeRemoved()) {
      where.append(" AND removed_at IS NULL");
    }
    if (filter.query() != null && !filter.query().isBlank()) {
      where.append(" AND full_name ILIKE :query ESCAPE '\\'");
      params.addValue(
          "query",
          "%" + filter.query().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    if (filter.visibility() != null) {
      where.append(" AND visibility = :visibility");
      params.addValue("visibility", filter.visibility());
    }
    if (filter.archived() != null) {
      where.append(" AND archived = :archived");
      params.addValue("archived", filter.archived());
    }
    Long total =
        jdbc.queryForObject("SELECT count(*) FROM git_repository" + where, params, Long.class);
    params.addValue("limit", size).addValue("offset", (long) page * size);
    List<GitRepositoryResponse> items =
        jdbc.query(
            "SELECT "
                + COLUMNS
                + " FROM git_repository"
                + where
                + " ORDER BY full_name, id LIMIT :limit OFFSET :offset",
            params,
            (rs, i) -> row(rs));
    return new RepositoryPageResponse(items, page, size, total == null ? 0 : total);
  }

  private static GitRepositoryResponse row(ResultSet rs) throws SQLException {
    return new GitRepositoryResponse(
        rs.getObject("id", UUID.class),
        rs.getObject("connection_id", UUID.class),
        rs.getString("provider"),
        rs.getString("provider_repo_id"),
        rs.getString("full_name"),
        rs.getString("visibility"),
        rs.getString("default_branch"),
        rs.getString("clone_url_https"),
        rs.getString("clone_url_ssh"),
        new GitRepositoryResponse.Permissions(
            rs.getBoolean("can_admin"), rs.getBoolean("can_push"), rs.getBoolean("can_pull")),
        rs.getBoolean("archived"),
        instant(rs, "provider_updated_at"),
        rs.getTimestamp("synced_at").toInstant(),
        instant(rs, "removed_at"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
