package io.mcpmanager.systemtests.fault;

import io.mcpmanager.systemtests.Api;
import io.mcpmanager.systemtests.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * A steady stream of credential changes through the gateway: an open model (one arrival every
 * 1/rate seconds, whatever happened to earlier ones), spread over lanes, one user each. A lane does
 * one operation at a time on its user's Notion integration (create, then rotations, then delete,
 * and again), so its operations never race each other; an arrival that finds every lane busy is
 * counted, not sent. Every answer is recorded as an {@link Operation}.
 */
final class CredentialLoad {

  /** Longer than the gateway's 15 s route timeout, so the gateway normally answers first. */
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(25);

  private static final int ROTATIONS_PER_ACCOUNT = 8;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final LocalStack stack;
  private final List<Lane> lanes;
  private final double ratePerSecond;
  private final ExecutorService pool;
  private final Queue<Operation> operations = new ConcurrentLinkedQueue<>();
  private final Queue<Reconciliation> reconciliations = new ConcurrentLinkedQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicInteger notSent = new AtomicInteger();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final long origin = System.nanoTime();
  private Thread scheduler;

  CredentialLoad(LocalStack stack, List<String> users, double ratePerSecond) {
    this.stack = stack;
    this.lanes = users.stream().map(Lane::new).toList();
    this.ratePerSecond = ratePerSecond;
    this.pool =
        Executors.newFixedThreadPool(users.size(), Thread.ofPlatform().name("load-", 0).factory());
  }

  /** Milliseconds since the load was created: the one clock of the whole trial. */
  long now() {
    return (System.nanoTime() - origin) / 1_000_000;
  }

  void start() {
    scheduler = Thread.ofPlatform().name("load-scheduler").start(this::schedule);
  }

  /**
   * Stops the arrivals and waits for the operations under way (each ends by the client timeout).
   */
  void stop() throws InterruptedException {
    stopping.set(true);
    scheduler.join();
    pool.shutdown();
    if (!pool.awaitTermination(CLIENT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "operations still running " + CLIENT_TIMEOUT.multipliedBy(2) + " after the load stopped");
    }
  }

  int acknowledged() {
    return acknowledged.get();
  }

  int notSent() {
    return notSent.get();
  }

  List<Operation> operations() {
    return List.copyOf(operations);
  }

  List<Reconciliation> reconciliations() {
    return List.copyOf(reconciliations);
  }

  List<Lane> lanes() {
    return lanes;
  }

  /**
   * After the load: every lane whose last outcome is unknown looks its account up, retrying while
   * it fails.
   */
  void reconcileAll(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    for (Lane lane : lanes) {
      while (lane.state == State.UNKNOWN && System.nanoTime() < deadline) {
        if (!lane.reconcile()) {
          LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
      }
      if (lane.state == State.UNKNOWN) {
        throw new AssertionError(
            "lane " + lane.user + " could not look up its integration within " + within);
      }
    }
  }

  private void schedule() {
    long period = (long) (1_000_000_000L / ratePerSecond);
    long due = System.nanoTime();
    int next = 0;
    while (!stopping.get()) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
        continue;
      }
      due += period;
      Lane chosen = null;
      for (int i = 0; i < lanes.size() && chosen == null; i++) {
        Lane lane = lanes.get((next + i) % lanes.size());
        if (lane.busy.compareAndSet(false, true)) {
          chosen = lane;
          next = (next + i + 1) % lanes.size();
        }
      }
      if (chosen == null) {
        notSent.incrementAndGet();
        continue;
      }
      Lane lane = chosen;
      pool.execute(
          () -> {
            try {
              lane.step();
            } finally {
              lane.busy.set(false);
            }
          });
    }
  }

  enum Kind {
    CREATE,
    ROTATE,
    DELETE
  }

  enum Outcome {
    /** 2xx: the gateway acknowledged the change. */
    ACKNOWLEDGED,
    /** A definite refusal: nothing may have been written. */
    REJECTED,
    /**
     * No answer, or 502/504: the change may or may not have happened. Neither acknowledged nor
     * lost.
     */
    UNKNOWN
  }

  enum State {
    NONE,
    HAS,
    UNKNOWN
  }

  /**
   * One operation as the client saw it.
   *
   * @param accountId the integration it concerns (the created one for an acknowledged create)
   * @param version the credential version an acknowledged rotation produced (0 otherwise)
   */
  record Operation(
      long seq,
      String user,
      Kind kind,
      long startMs,
      long endMs,
      int status,
      String retryAfter,
      boolean problemJson,
      String problemType,
      String accountId,
      int version,
      Outcome outcome,
      String error) {}

  /** A lane looked its integration up after an unknown outcome (or a conflict) and found this. */
  record Reconciliation(String user, long atMs, String foundAccountId, int foundVersion) {}

  final class Lane {
    final String user;
    final AtomicBoolean busy = new AtomicBoolean();
    volatile State state = State.NONE;
    volatile String accountId;
    private int changesOnAccount;

    Lane(String user) {
      this.user = user;
    }

    void step() {
      if (state == State.UNKNOWN && !reconcile()) {
        return; // could not find out yet (the outage goes on): try again at the lane's next arrival
      }
      if (state == State.NONE) {
        create();
      } else if (changesOnAccount >= ROTATIONS_PER_ACCOUNT) {
        delete();
      } else {
        rotate();
      }
    }

    private void create() {
      String token = stack.newSecret("ntn_");
      Answer a =
          send(
              "POST",
              "/api/integrations",
              Api.JSON.writeValueAsString(Map.of("type", "notion", "access_token", token)));
      Operation op = record(Kind.CREATE, a, a.ok() ? a.json().path("id").asString() : null, 0);
      switch (op.outcome()) {
        case ACKNOWLEDGED -> {
          accountId = op.accountId();
          changesOnAccount = 0;
          state = State.HAS;
        }
        case UNKNOWN -> state = State.UNKNOWN;
        case REJECTED -> state = a.status == 409 ? State.UNKNOWN : State.NONE;
      }
    }

    private void rotate() {
      String id = accountId;
      String token = stack.newSecret("ntn_");
      Answer a =
          send(
              "PUT",
              "/api/integrations/" + id,
              Api.JSON.writeValueAsString(Map.of("access_token", token)));
      Operation op =
          record(Kind.ROTATE, a, id, a.ok() ? a.json().path("credential_version").asInt() : 0);
      changesOnAccount++;
      if (op.outcome() == Outcome.REJECTED && a.status == 404) {
        state = State.UNKNOWN;
      }
    }

    private void delete() {
      String id = accountId;
      Answer a = send("DELETE", "/api/integrations/" + id, null);
      Operation op = record(Kind.DELETE, a, id, 0);
      switch (op.outcome()) {
        case ACKNOWLEDGED -> {
          accountId = null;
          state = State.NONE;
        }
        case UNKNOWN -> state = State.UNKNOWN;
        case REJECTED -> state = a.status == 404 ? State.UNKNOWN : State.HAS;
      }
    }

    /** Finds the lane's live Notion integration, if any; false when the lookup itself failed. */
    boolean reconcile() {
      Answer a = send("GET", "/api/integrations?type=notion", null);
      if (!a.ok()) {
        return false;
      }
      JsonNode live = null;
      for (JsonNode item : a.json().path("items")) {
        if (List.of("active", "error", "expired").contains(item.path("status").asString())) {
          live = item;
        }
      }
      if (live == null) {
        accountId = null;
        state = State.NONE;
        reconciliations.add(new Reconciliation(user, now(), null, 0));
      } else {
        accountId = live.path("id").asString();
        changesOnAccount = live.path("credential_version").asInt();
        state = State.HAS;
        reconciliations.add(
            new Reconciliation(user, now(), accountId, live.path("credential_version").asInt()));
      }
      return true;
    }

    private Operation record(Kind kind, Answer a, String id, int version) {
      Outcome outcome =
          a.status >= 200 && a.status < 300
              ? Outcome.ACKNOWLEDGED
              : a.status == 0 || a.status == 502 || a.status == 504
                  ? Outcome.UNKNOWN
                  : Outcome.REJECTED;
      String problemType = a.problemJson() ? a.json().path("type").asString() : null;
      Operation op =
          new Operation(
              sequence.incrementAndGet(),
              user,
              kind,
              a.startMs,
              a.endMs,
              a.status,
              a.header("Retry-After"),
              a.problemJson(),
              problemType,
              id,
              version,
              outcome,
              a.error);
      operations.add(op);
      if (outcome == Outcome.ACKNOWLEDGED) {
        acknowledged.incrementAndGet();
      }
      return op;
    }

    private Answer send(String method, String path, String body) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(LocalStack.GATEWAY + path))
              .timeout(CLIENT_TIMEOUT)
              .header("Accept", "application/json, application/problem+json")
              .header("Authorization", "Bearer " + Api.token(user));
      if (body != null) {
        b.header("Content-Type", "application/json");
      }
      b.method(
          method,
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      long start = now();
      try {
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(start, now(), r.statusCode(), r.headers().map(), r.body(), null);
      } catch (IOException e) {
        return new Answer(start, now(), 0, Map.of(), "", e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Answer(start, now(), 0, Map.of(), "", "interrupted");
      }
    }
  }

  private record Answer(
      long startMs,
      long endMs,
      int status,
      Map<String, List<String>> headers,
      String body,
      String error) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonNode json() {
      try {
        return Api.JSON.readTree(body);
      } catch (RuntimeException e) {
        return tools.jackson.databind.node.MissingNode.getInstance();
      }
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    boolean problemJson() {
      String type = header("Content-Type");
      return type != null && type.startsWith("application/problem+json") && !body.isBlank();
    }
  }

  /**
   * The operations whose answer (or failure) came between the two times (ms on the load's clock).
   */
  static List<Operation> answeredBetween(List<Operation> ops, long fromMs, long toMs) {
    List<Operation> found = new ArrayList<>();
    for (Operation op : ops) {
      if (op.endMs() >= fromMs && op.endMs() <= toMs) {
        found.add(op);
      }
    }
    return found;
  }
}
