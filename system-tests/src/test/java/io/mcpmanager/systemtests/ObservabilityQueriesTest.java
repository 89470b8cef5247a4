package io.mcpmanager.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 8: with the stack's Prometheus ({@code ./mcpm up --with-observability}) scraping
 * everything, every dashboard expression and every alert's signal returns data, and every rule
 * evaluates without error. Runs last, after the other system tests have given the stack traffic of
 * every kind.
 */
@Order(100)
@ExtendWith(StackExtension.class)
class ObservabilityQueriesTest {

  static final String PROMETHEUS = LocalStack.PORTS.url("prometheus");

  /** Rates need two scrapes (10 s apart) inside their window; rules are evaluated every 10 s. */
  static final Duration PATIENCE = Duration.ofSeconds(90);

  @Test
  void everyDashboardExpressionAndAlertSignalReturnsData() throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    Result result;
    do {
      result = checkQueries();
      if (result.exit() == 0) {
        break;
      }
      Thread.sleep(10_000);
    } while (Instant.now().isBefore(deadline));
    assertThat(result.exit())
        .as(
            "observability/check-queries.sh against %s still reports dead queries after %s:%n%s",
            PROMETHEUS, PATIENCE, result.output())
        .isZero();
    assertThat(result.output())
        .contains("== dashboard expressions", "== alert signals")
        .doesNotContain("EMPTY", "ERROR");
  }

  record Result(int exit, String output) {}

  static Result checkQueries() throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(List.of("bash", "observability/check-queries.sh", PROMETHEUS))
            .directory(LocalStack.get().root.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "check-queries.sh did not finish within 2 minutes:\n" + output);
    }
    return new Result(process.exitValue(), output);
  }
}
