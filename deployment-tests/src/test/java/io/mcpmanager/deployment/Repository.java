package io.mcpmanager.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository these tests check: its root, and the application modules listed in the root POM.
 */
final class Repository {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  private Repository() {}

  static Path root() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isRegularFile(candidate.resolve("mvnw"))
          && read(candidate.resolve("pom.xml")).contains("<modules>")) {
        return candidate;
      }
    }
    throw new IllegalStateException("no repository root (mvnw + aggregator pom.xml) above " + dir);
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }

  /**
   * Modules of the root POM that build a Spring Boot application (their POM runs
   * spring-boot-maven-plugin).
   */
  static List<String> applicationModules() {
    List<String> applications = new ArrayList<>();
    Matcher modules = MODULE.matcher(read(file("pom.xml")));
    while (modules.find()) {
      String module = modules.group(1).trim();
      if (read(file(module).resolve("pom.xml")).contains("spring-boot-maven-plugin")) {
        applications.add(module.substring(module.lastIndexOf('/') + 1));
      }
    }
    return applications;
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
