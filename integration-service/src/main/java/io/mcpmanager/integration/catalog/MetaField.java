package io.mcpmanager.integration.catalog;

import java.util.Locale;

/**
 * A non-secret setting an integration type needs next to its credential.
 *
 * @param name the key in {@code meta}
 * @param required whether it must be present
 * @param format what a value must look like
 * @param description shown to the user
 */
public record MetaField(String name, boolean required, Format format, String description) {

  public static final int MAX_VALUE_LENGTH = 255;

  /** Value formats. */
  public enum Format {
    TEXT,
    /** An https URL with a host name (a provider's site, never an internal address). */
    HTTPS_URL,
    EMAIL,
    /** A provider slug: letters, digits, dash, underscore, dot. */
    SLUG;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static MetaField required(String name, Format format, String description) {
    return new MetaField(name, true, format, description);
  }

  public static MetaField optional(String name, Format format, String description) {
    return new MetaField(name, false, format, description);
  }
}
