package io.mcpmanager.integration.catalog;

import java.util.Locale;

/** How a credential was obtained: pasted API token or OAuth 2.0 authorization code with refresh. */
public enum AuthMethod {
  API_TOKEN,
  OAUTH;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
