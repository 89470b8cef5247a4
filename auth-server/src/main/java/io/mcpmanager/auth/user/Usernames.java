package io.mcpmanager.auth.user;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Usernames are case-insensitive: stored and looked up in lower case. */
public final class Usernames {

  private Usernames() {}

  public static String normalize(@Nullable String username) {
    return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
  }
}
