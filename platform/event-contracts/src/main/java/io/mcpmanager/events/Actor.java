package io.mcpmanager.events;

/**
 * Who did it: a user (id = user id), a service (id = OAuth client id) or the system itself (a
 * scheduled job).
 */
public record Actor(Kind kind, String id, String ip, String userAgent) {

  public enum Kind {
    USER,
    SERVICE,
    SYSTEM
  }

  public static Actor user(String userId, String ip, String userAgent) {
    return new Actor(Kind.USER, userId, ip, userAgent);
  }

  public static Actor service(String clientId) {
    return new Actor(Kind.SERVICE, clientId, null, null);
  }

  public static Actor system(String job) {
    return new Actor(Kind.SYSTEM, job, null, null);
  }
}
