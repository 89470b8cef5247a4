package io.mcpmanager.deployment;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools the checks rely on (kubectl, promtool, sh, bao). */
final class Commands {

  private Commands() {}

  record Result(int exitCode, String output) {}

  /** Fails the test with the given hint when {@code tool} is not on PATH. */
  static String require(String tool, String installHint) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail("`%s` is required for this check and is not on PATH. %s", tool, installHint);
  }

  static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
    try {
      Path output = Files.createTempFile("command", ".log");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(Repository.root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return fail("%s did not finish within %s:%n%s", command, timeout, Files.readString(output));
      }
      String text = Files.readString(output);
      Files.delete(output);
      return new Result(process.exitValue(), text);
    } catch (IOException e) {
      return fail("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while running " + command);
    }
  }

  static Result run(List<String> command) {
    return run(command, Map.of(), Duration.ofMinutes(2));
  }
}
