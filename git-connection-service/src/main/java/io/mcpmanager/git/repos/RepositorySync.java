package io.mcpmanager.git.repos;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One background sync of a connection's repositories; the client polls it. */
@Entity
@Table(name = "repository_sync")
class RepositorySync {

  @Id private UUID id;
  private UUID connectionId;
  private String ownerId;
  private String provider;
  private SyncStatus status;
  private int pages;
  private int repositories;
  private int removed;
  private int rateLimitWaits;
  private @Nullable String error;
  private Instant startedAt;
  private @Nullable Instant finishedAt;
  @Version private long version;

  protected RepositorySync() {}

  static RepositorySync start(UUID connectionId, String ownerId, String provider, Instant now) {
    RepositorySync s = new RepositorySync();
    s.id = UUID.randomUUID();
    s.connectionId = connectionId;
    s.ownerId = ownerId;
    s.provider = provider;
    s.status = SyncStatus.RUNNING;
    s.startedAt = now;
    return s;
  }

  void progress(int pages, int repositories, int rateLimitWaits) {
    this.pages = pages;
    this.repositories = repositories;
    this.rateLimitWaits = rateLimitWaits;
  }

  void succeeded(int removed, Instant now) {
    this.status = SyncStatus.SUCCEEDED;
    this.removed = removed;
    this.finishedAt = now;
  }

  void failed(String error, Instant now) {
    this.status = SyncStatus.FAILED;
    this.error = error;
    this.finishedAt = now;
  }

  boolean isStale(Instant now, Duration staleAfter) {
    return status == SyncStatus.RUNNING && startedAt.plus(staleAfter).isBefore(now);
  }

  UUID id() {
    return id;
  }

  UUID connectionId() {
    return connectionId;
  }

  String ownerId() {
    return ownerId;
  }

  String provider() {
    return provider;
  }

  SyncStatus status() {
    return status;
  }

  int pages() {
    return pages;
  }

  int repositories() {
    return repositories;
  }

  int removed() {
    return removed;
  }

  int rateLimitWaits() {
    return rateLimitWaits;
  }

  @Nullable String error() {
    return error;
  }

  Instant startedAt() {
    return startedAt;
  }

  @Nullable Instant finishedAt() {
    return finishedAt;
  }
}
