package io.mcpmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every operation of every service's OpenAPI document, fuzzed through the gateway by Schemathesis
 * as a signed-in user: generated valid and invalid inputs, checked for server errors, statuses and
 * content types the document does not name, and responses that contradict their schema. Bounded in
 * time; the seed is fixed so a failure reproduces with the command it prints.
 */
@Order(4)
@ExtendWith(StackExtension.class)
class ApiFuzzTest {

  /** Fixed, so a failure reproduces; change it to explore other inputs. */
  static final String SEED = System.getProperty("mcpm.fuzz.seed", "20261203");

  static final String SECONDS_PER_SERVICE = System.getProperty("mcpm.fuzz.seconds", "30");

  static final String CHECKS =
      String.join(
          ",",
          "not_a_server_error",
          "status_code_conformance",
          "content_type_conformance",
          "response_schema_conformance",
          "ignored_auth");

  @ParameterizedTest
  // mcp-server-service is not gated yet: the fuzzer finds a 500 on GET
  // /api/mcp/servers/{id}/jwks and an undocumented 201 (issue 19).
  @ValueSource(
      strings = {"integration-service", "git-connection-service", "audit-service", "auth-server"})
  void shouldFindNoFailureInAnyOperation(String service) throws Exception {
    String token = Api.login("alice", LocalStack.get().password);
    Path reports = Path.of("target", "schemathesis", service).toAbsolutePath();
    Files.createDirectories(reports);
    List<String> command = new ArrayList<>();
    command.add(schemathesis());
    command.addAll(
        List.of(
            "run",
            LocalStack.GATEWAY + "/v3/api-docs/" + service,
            "--url",
            LocalStack.GATEWAY,
            "--header",
            "Authorization: Bearer " + token,
            "--checks",
            CHECKS,
            // Not the coverage phase: Schemathesis 4.32 fails inside it on some of our schemas
            // (a KeyError in its own constraint walking), which is no finding about the API.
            "--phases",
            "examples,fuzzing,stateful",
            "--seed",
            SEED,
            "--max-time",
            SECONDS_PER_SERVICE,
            "--max-examples",
            "20",
            "--workers",
            "2",
            "--request-timeout",
            "20",
            "--report",
            "junit",
            "--report-dir",
            reports.toString(),
            "--no-color"));
    Path output = reports.resolve("output.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(Long.parseLong(SECONDS_PER_SERVICE) * 4 + 60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("schemathesis did not finish for " + service + "; its output: " + output);
    }
    String log = Files.readString(output, StandardCharsets.UTF_8).replace(token, "<token>");
    Files.writeString(output, log, StandardCharsets.UTF_8);
    assertThat(process.exitValue())
        .as(
            "schemathesis found failures in %s (seed %s); its report:%n%s",
            service, SEED, tail(log, 120))
        .isZero();
    assertThat(log).as("operations were tested").containsPattern("(?i)\\d+ passed");
  }

  /** The CLI from PyPI ({@code pip install schemathesis}; .ci/run installs it). */
  private static String schemathesis() {
    Optional<String> configured = Optional.ofNullable(System.getenv("MCPM_SCHEMATHESIS"));
    if (configured.isPresent()) {
      return configured.get();
    }
    Stream<Path> candidates =
        Stream.concat(
            Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(Path::of),
            Stream.of(Path.of(System.getProperty("user.home"), ".local", "bin")));
    return candidates
        .map(dir -> dir.resolve("schemathesis"))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "schemathesis is not installed: run `python3 -m pip install schemathesis`"
                        + " (or set MCPM_SCHEMATHESIS to its path)"));
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\n");
    return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }
}
