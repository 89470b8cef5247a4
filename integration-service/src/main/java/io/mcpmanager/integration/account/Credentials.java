package io.mcpmanager.integration.account;

/**
 * Rules for a pasted credential. Every credential travels to its provider in an HTTP header, so it
 * must be visible ASCII: a trailing newline from a copy-paste is forgiven (stripped), while a control
 * character, an inner space or a non-ASCII character is refused with 400 before any provider call,
 * naming the field and never echoing the value.
 */
final class Credentials {

  /** Visible ASCII only: what an HTTP header value can carry unambiguously. */
  static final String HEADER_SAFE = "[\\x21-\\x7E]*";

  static final String HEADER_SAFE_MESSAGE =
      "must contain only visible ASCII characters (no spaces, control or non-ASCII characters)";

  private Credentials() {}

  /** Surrounding white space (a trailing newline, a leading space) is a copy-paste slip, not part of the token. */
  static String strip(String credential) {
    return credential == null ? null : credential.strip();
  }
}
