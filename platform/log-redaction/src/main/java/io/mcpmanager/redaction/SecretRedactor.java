package io.mcpmanager.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks values that look like credentials before a log line is written: bearer tokens, JWTs, the
 * token formats of the providers we hold credentials for, and {@code key=value} pairs whose key
 * names a secret. A last line of defence: code must not log secrets in the first place.
 */
public final class SecretRedactor {

  static final String MASK = "[REDACTED]";

  private static final List<Pattern> TOKENS =
      List.of(
          // JWTs (three base64url parts, header starting with {"...)
          Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
          // Prefixed tokens: the platform's PATs, GitHub, GitLab, OpenAI, Notion, Slack, Vault,
          // Google, Sentry, Todoist
          Pattern.compile(
              "\\b(?:mcpm_pat_|gh[pousr]_|github_pat_|glpat-|gloas-|sk-(?:proj-)?|secret_|ntn_|xox[abprs]-"
                  + "|hv[sb]\\.|ya29\\.|sntry[su]_|ATATT)[A-Za-z0-9_\\-.=]{8,}"),
          // Google refresh tokens
          Pattern.compile("(?<![A-Za-z0-9/])1//[A-Za-z0-9_\\-]{16,}"),
          // Todoist API tokens: 40 hex digits, unprefixed. Trace ids (32) and SHA-256 hashes (64)
          // have other lengths and stay readable.
          Pattern.compile("(?<![A-Za-z0-9])[0-9a-fA-F]{40}(?![A-Za-z0-9])"));
  // Any credential after the scheme, not only RFC 6750's token68 characters: a pasted "Bearer 😀"
  // or a token with a stray byte is still a credential.
  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[^\\s\",;]+");
  // The password in a URL's userinfo (scheme://user:password@host), e.g. a Eureka service URL in
  // a client's error message; the user and host stay readable.
  private static final Pattern URL_USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^\\s/?#@:\"']+:)[^\\s/?#@\"']+@");
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)(\"?(?:password|passwd|secret|client_secret|token|access_token|refresh_token|id_token"
              + "|api[_-]?key|private_key|authorization|credential)\"?\\s*[:=]\\s*\"?)([^\\s\",&}]+)");

  private SecretRedactor() {}

  public static String redact(String text) {
    if (text.isEmpty()) {
      return text;
    }
    String result = BEARER.matcher(text).replaceAll("$1 " + MASK);
    result =
        URL_USERINFO
            .matcher(result)
            .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    Matcher pairs = KEY_VALUE.matcher(result);
    result = pairs.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    for (Pattern token : TOKENS) {
      result = token.matcher(result).replaceAll(MASK);
    }
    return result;
  }
}
