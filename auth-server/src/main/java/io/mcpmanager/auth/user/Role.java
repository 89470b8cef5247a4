package io.mcpmanager.auth.user;

/** What a person may do; carried in the {@code roles} claim of their access tokens. */
public enum Role {
  USER,
  ADMIN
}
