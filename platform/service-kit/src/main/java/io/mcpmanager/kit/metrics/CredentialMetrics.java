package io.mcpmanager.kit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The credential metrics every credential-holding service emits under the same names and labels
 * (the contract is observability/README.md): operations by outcome, OAuth refresh timings and the
 * number of credentials expiring soon. Label values known in advance are registered at startup, so
 * "nothing happened" is a zero series rather than no data. Labels never carry ids or secrets.
 */
public class CredentialMetrics {

  public static final String OPERATIONS = "mcpm.credential.operations";
  public static final String OAUTH_REFRESH = "mcpm.oauth.refresh";
  public static final String EXPIRING_SOON = "mcpm.credentials.expiring.soon";

  /** A credential whose expiry is this close counts as expiring soon. */
  public static final Duration EXPIRY_HORIZON = Duration.ofDays(7);

  /** What was done with a credential. */
  public enum Operation {
    CREATE,
    UPDATE,
    ROTATE,
    REVOKE,
    BROKER;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How it ended; {@code DENIED} only for brokering (the caller was refused). */
  public enum Outcome {
    SUCCESS,
    FAILURE,
    DENIED;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MeterRegistry registry;

  public CredentialMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers the operations this service performs, at zero, for success and failure. */
  public CredentialMetrics operations(Operation... operations) {
    for (Operation operation : operations) {
      counter(operation, Outcome.SUCCESS);
      counter(operation, Outcome.FAILURE);
    }
    return this;
  }

  /** Registers one more outcome of an operation at zero (e.g. brokering's {@code denied}). */
  public CredentialMetrics outcome(Operation operation, Outcome outcome) {
    counter(operation, outcome);
    return this;
  }

  /** Registers the refresh timer of each OAuth provider this service refreshes tokens at. */
  public CredentialMetrics refreshes(String... providers) {
    for (String provider : providers) {
      refreshTimer(provider, true);
      refreshTimer(provider, false);
    }
    return this;
  }

  /**
   * The gauge of credentials of one kind expiring within {@link #EXPIRY_HORIZON}; read at each
   * scrape.
   */
  public CredentialMetrics expiringSoon(String kind, Supplier<Number> count) {
    Gauge.builder(EXPIRING_SOON, count)
        .description("credentials whose expiry is within 7 days")
        .tag("kind", kind)
        .strongReference(true)
        .register(registry);
    return this;
  }

  public void operation(Operation operation, Outcome outcome) {
    counter(operation, outcome).increment();
  }

  public void succeeded(Operation operation) {
    operation(operation, Outcome.SUCCESS);
  }

  public void failed(Operation operation) {
    operation(operation, Outcome.FAILURE);
  }

  /** Starts timing a refresh; finish with {@link #refreshed}. */
  public Timer.Sample startRefresh() {
    return Timer.start(registry);
  }

  public void refreshed(Timer.Sample sample, String provider, boolean success) {
    sample.stop(refreshTimer(provider, success));
  }

  private Counter counter(Operation operation, Outcome outcome) {
    return Counter.builder(OPERATIONS)
        .description("credential operations by operation and outcome")
        .tag("operation", operation.value())
        .tag("outcome", outcome.value())
        .register(registry);
  }

  private Timer refreshTimer(String provider, boolean success) {
    return Timer.builder(OAUTH_REFRESH)
        .description("OAuth token refreshes at the provider")
        .tag("provider", provider)
        .tag("outcome", success ? "success" : "failure")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }
}
