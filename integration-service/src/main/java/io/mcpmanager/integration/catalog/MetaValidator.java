package io.mcpmanager.integration.catalog;

import io.mcpmanager.kit.error.ProblemHandler.FieldError;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code meta} against its type's fields: known keys only, required present, formats, size.
 */
public class MetaValidator {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern SLUG = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");
  private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|^\\[.*]$");

  private final int maxBytes;

  /**
   * @param maxBytes the largest serialised meta accepted ({@code integration.meta-max-bytes})
   */
  public MetaValidator(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Returns the meta to store (never null); throws {@link InvalidMetaException} naming each
   * problem.
   */
  public Map<String, String> validate(IntegrationType type, @Nullable Map<String, String> meta) {
    Map<String, String> values = meta == null ? Map.of() : meta;
    List<FieldError> errors = new ArrayList<>();
    int size =
        values.entrySet().stream().mapToInt(e -> bytes(e.getKey()) + bytes(e.getValue())).sum();
    if (size > maxBytes) {
      throw InvalidMetaException.of(
          List.of(new FieldError("meta", "must not exceed " + maxBytes + " bytes")));
    }
    Set<String> known = type.metaFields().stream().map(MetaField::name).collect(Collectors.toSet());
    values.keySet().stream()
        .filter(k -> !known.contains(k))
        .sorted()
        .forEach(k -> errors.add(new FieldError("meta." + k, "is not a field of " + type.value())));
    for (MetaField field : type.metaFields()) {
      String value = values.get(field.name());
      if (value == null || value.isBlank()) {
        if (field.required()) {
          errors.add(new FieldError("meta." + field.name(), "is required for " + type.value()));
        }
      } else if (value.length() > MetaField.MAX_VALUE_LENGTH) {
        errors.add(
            new FieldError(
                "meta." + field.name(),
                "must not exceed " + MetaField.MAX_VALUE_LENGTH + " characters"));
      } else if (!matches(field.format(), value)) {
        errors.add(new FieldError("meta." + field.name(), "must be " + describe(field.format())));
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidMetaException.of(errors);
    }
    return Map.copyOf(values);
  }

  /**
   * A stored secret goes only to the host it was validated against: every {@link
   * MetaField.Format#HTTPS_URL} field (Jira's {@code site_url}, self-hosted Sentry's {@code
   * base_url}) names where the token is sent, so changing one without the token again is refused
   * with 400 naming the field.
   */
  public void requireSameDestination(
      IntegrationType type, Map<String, String> before, Map<String, String> after) {
    List<FieldError> errors = new ArrayList<>();
    for (MetaField field : type.metaFields()) {
      if (field.format() == MetaField.Format.HTTPS_URL
          && !java.util.Objects.equals(
              blankToNull(before.get(field.name())), blankToNull(after.get(field.name())))) {
        errors.add(
            new FieldError(
                "meta." + field.name(),
                "changes where the stored credential is sent; give access_token again to change"
                    + " it"));
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidMetaException.of(errors);
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static boolean matches(MetaField.Format format, String value) {
    return switch (format) {
      case TEXT -> true;
      case EMAIL -> EMAIL.matcher(value).matches();
      case SLUG -> SLUG.matcher(value).matches();
      case HTTPS_URL -> isPublicHttpsUrl(value);
    };
  }

  /**
   * https with a DNS host name, no credentials, query or fragment: the service sends tokens there.
   */
  static boolean isPublicHttpsUrl(String value) {
    try {
      URI uri = URI.create(value);
      String host = uri.getHost();
      return "https".equals(uri.getScheme())
          && host != null
          && host.contains(".")
          && !IP_LITERAL.matcher(host).matches()
          && !host.endsWith(".local")
          && !host.endsWith(".internal")
          && uri.getUserInfo() == null
          && uri.getQuery() == null
          && uri.getFragment() == null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String describe(MetaField.Format format) {
    return switch (format) {
      case TEXT -> "text";
      case EMAIL -> "an e-mail address";
      case SLUG -> "a slug (letters, digits, '.', '-', '_')";
      case HTTPS_URL -> "an https URL with a public host name";
    };
  }

  private static int bytes(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
