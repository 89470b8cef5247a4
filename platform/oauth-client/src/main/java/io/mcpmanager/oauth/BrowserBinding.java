package io.mcpmanager.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseCookie;

/**
 * Binds an OAuth connect to the browser that started it. The start response sets a {@code __Host-}
 * cookie (HttpOnly, Secure, SameSite=Lax, Path=/) holding a hash of the state, one per provider so
 * parallel connects do not clobber each other; the callback links an account only when the browser
 * that arrives brings that cookie. Without this, anyone could start a connect and send the
 * authorization link to a victim who already authorized the app, and the victim's provider account
 * would be stored under the sender's user.
 *
 * <p>The cookie holds no secret (the state travels through the provider's redirect anyway) and is
 * cleared by the callback. SameSite=Lax is what lets it ride along the provider's top-level
 * redirect back to us. Browsers accept {@code Secure} cookies from {@code http://localhost} and
 * {@code 127.0.0.1}, so the local stack needs no exception.
 */
public final class BrowserBinding {

  /**
   * What a provider id looks like; a callback path names the provider, so controllers validate it
   * with this before it becomes part of a cookie name.
   */
  public static final String PROVIDER_ID = "[a-z][a-z0-9-]{0,31}";

  private static final String PREFIX = "__Host-mcpm-oauth-";
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private BrowserBinding() {}

  /** The cookie's name for connects to {@code provider} (a provider id: lower-case letters). */
  public static String cookieName(String provider) {
    if (!provider.matches(PROVIDER_ID)) {
      throw new IllegalArgumentException("not a provider id");
    }
    return PREFIX + provider;
  }

  /** The cookie the start response sets, living as long as the state does. */
  public static ResponseCookie cookie(String provider, String state, Duration lifetime) {
    return base(provider, hash(state)).maxAge(lifetime).build();
  }

  /** The cookie the callback response sets to remove the binding. */
  public static ResponseCookie clearing(String provider) {
    return base(provider, "").maxAge(Duration.ZERO).build();
  }

  /** Whether the cookie the browser brought binds it to {@code state} (constant-time compare). */
  public static boolean holds(@Nullable String cookieValue, @Nullable String state) {
    if (cookieValue == null || cookieValue.isEmpty() || state == null) {
      return false;
    }
    return MessageDigest.isEqual(
        cookieValue.getBytes(StandardCharsets.US_ASCII),
        hash(state).getBytes(StandardCharsets.US_ASCII));
  }

  private static ResponseCookie.ResponseCookieBuilder base(String provider, String value) {
    return ResponseCookie.from(cookieName(provider), value)
        .httpOnly(true)
        .secure(true)
        .sameSite("Lax")
        .path("/");
  }

  private static String hash(String state) {
    try {
      return BASE64URL.encodeToString(
          MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
