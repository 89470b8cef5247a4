package io.mcpmanager.auth.user;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A person who can log in. The id (not the username) is the {@code sub} of their tokens. */
@Entity
@Table(name = "app_user")
public class AppUser {

  @Id private UUID id;

  private String username;

  @Column(name = "password_hash")
  private String passwordHash;

  private boolean enabled;

  @Column(name = "created_at")
  private Instant createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "role")
  @Enumerated(EnumType.STRING)
  private Set<Role> roles = EnumSet.noneOf(Role.class);

  @Version private long version;

  protected AppUser() {}

  /** A new enabled account; every account has the USER role. */
  public static AppUser register(
      String username, String passwordHash, Set<Role> roles, Instant now) {
    AppUser user = new AppUser();
    user.id = UUID.randomUUID();
    user.username = Usernames.normalize(username);
    user.passwordHash = passwordHash;
    user.enabled = true;
    user.createdAt = now;
    user.roles = EnumSet.of(Role.USER);
    user.roles.addAll(roles);
    return user;
  }

  /** Replaces the stored hash by a stronger encoding of the same password (on login). */
  public void upgradePasswordHash(String newHash) {
    this.passwordHash = newHash;
  }

  public void disable() {
    enabled = false;
  }

  public void enable() {
    enabled = true;
  }

  public UUID id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public boolean enabled() {
    return enabled;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Set<Role> roles() {
    return Set.copyOf(roles);
  }
}
