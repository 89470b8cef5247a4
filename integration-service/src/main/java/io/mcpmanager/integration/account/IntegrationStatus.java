package io.mcpmanager.integration.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Lifecycle of an integration account. */
public enum IntegrationStatus {
  ACTIVE,
  INACTIVE,
  ERROR,
  EXPIRED,
  REVOKED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<IntegrationStatus> fromValue(String value) {
    return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
  }
}
