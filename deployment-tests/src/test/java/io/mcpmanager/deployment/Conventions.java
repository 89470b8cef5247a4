package io.mcpmanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming and port conventions every deployment follows: module = image = {@code app} label,
 * server and management ports, database, whether the application holds secrets in Vault.
 */
record Conventions(
    String module, int port, int managementPort, String database, boolean usesVault) {

  static final Map<String, Conventions> APPLICATIONS =
      new TreeMap<>(
          Map.of(
              "discovery", new Conventions("discovery", 8761, 9761, null, false),
              "gateway", new Conventions("gateway", 8080, 9080, null, false),
              "auth-server", new Conventions("auth-server", 9000, 9100, "auth", true),
              "integration-service",
                  new Conventions("integration-service", 8081, 9081, "integration", true),
              "git-connection-service",
                  new Conventions("git-connection-service", 8082, 9082, "git_connection", true),
              "mcp-server-service",
                  new Conventions("mcp-server-service", 8083, 9083, "mcp_server", true),
              "audit-service", new Conventions("audit-service", 8084, 9084, "audit", true)));

  /**
   * The server and management port defaults of an application.yml (other ports, such as Redis, are
   * not its own).
   */
  private static final Pattern DEFAULT_PORT =
      Pattern.compile("port:\\s*\\$\\{(?:SERVER|MANAGEMENT)_PORT:(\\d+)}");

  /**
   * The application modules of the root POM, each with its conventions. Fails when a module has no
   * convention (a new application needs its ports and database decided here and in the deployment),
   * and when a module's application.yml defaults disagree with the convention.
   */
  static List<Conventions> applications() {
    List<String> modules = Repository.applicationModules();
    assertThat(modules).as("application modules of the root pom.xml").isNotEmpty();
    assertThat(APPLICATIONS.keySet())
        .as("conventions known for the application modules of the root pom.xml")
        .containsAll(modules);
    for (String module : modules) {
      Path yml = Repository.file(module).resolve("src/main/resources/application.yml");
      if (Files.isRegularFile(yml)) {
        Matcher ports = DEFAULT_PORT.matcher(Repository.read(yml));
        Conventions expected = APPLICATIONS.get(module);
        List<Integer> defaults = ports.results().map(m -> Integer.parseInt(m.group(1))).toList();
        assertThat(defaults)
            .as("default ports in %s", yml)
            .isSubsetOf(expected.port, expected.managementPort);
      }
    }
    return modules.stream().map(APPLICATIONS::get).toList();
  }

  boolean hasDatabase() {
    return database != null;
  }
}
