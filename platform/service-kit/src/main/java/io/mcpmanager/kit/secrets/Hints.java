package io.mcpmanager.kit.secrets;

/**
 * The masked form users see instead of a credential: one rule for every service, so a token has one
 * hint.
 */
public final class Hints {

  private Hints() {}

  /**
   * {@code …a1b2} for tokens long enough that four characters reveal little; else just {@code …}.
   */
  public static String mask(String secret) {
    if (secret == null || secret.length() < 16) {
      return "…";
    }
    return "…" + secret.substring(secret.length() - 4);
  }
}
