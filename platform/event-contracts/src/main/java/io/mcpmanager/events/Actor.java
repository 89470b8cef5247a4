package io.mcpmanager.events;

import org.jspecify.annotations.Nullable;

/**
 * Who did it: a user (id = user id), a service (id = OAuth client id) or the system itself (a
 * scheduled job).
 *
 * @param kind null only when a consumer reads a kind newer than it knows
 * @param id null for a login attempt on an unknown username (the trail must not reveal which names
 *     exist)
 * @param ip the user's address; services and the system have none
 * @param userAgent the user's client; services and the system have none
 */
public record Actor(
    @Nullable Kind kind, @Nullable String id, @Nullable String ip, @Nullable String userAgent) {

  public enum Kind {
    USER,
    SERVICE,
    SYSTEM
  }

  public static Actor user(
      @Nullable String userId, @Nullable String ip, @Nullable String userAgent) {
    return new Actor(Kind.USER, userId, ip, userAgent);
  }

  public static Actor service(String clientId) {
    return new Actor(Kind.SERVICE, clientId, null, null);
  }

  public static Actor system(String job) {
    return new Actor(Kind.SYSTEM, job, null, null);
  }
}
