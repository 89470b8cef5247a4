package io.mcpmanager.integration.testdata;

import java.util.UUID;

/** Fresh, recognisable fake credentials and users per test. */
public final class Tokens {

  private Tokens() {}

  public static String notion() {
    return "secret_" + UUID.randomUUID().toString().replace("-", "");
  }

  public static String user() {
    return "user-" + UUID.randomUUID();
  }
}
