package io.mcpmanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Prometheus configuration, alert rules and Grafana dashboards, checked with promtool. */
@SuppressWarnings("unchecked")
class ObservabilityTests {

  static final String PROMTOOL_HINT =
      "It comes with Debian's prometheus package: apt-get install -y prometheus";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path DASHBOARDS = Repository.file("observability/grafana/dashboards");
  static final Path ALERTS = Repository.file("observability/rules/alerts.yml");

  @Test
  void shouldPassPromtoolConfigChecks() {
    for (String config :
        List.of("observability/prometheus.yml", "observability/prometheus-local.yml")) {
      Commands.Result result = promtool("check", "config", config);
      assertThat(result.exitCode())
          .as("promtool check config %s:%n%s", config, result.output())
          .isZero();
      assertThat(result.output()).contains("SUCCESS");
    }
  }

  @Test
  void shouldPassPromtoolRuleChecksWithEveryAlertTheSuiteNeeds() {
    Commands.Result result = promtool("check", "rules", ALERTS.toString());
    assertThat(result.exitCode()).as("promtool check rules:%n%s", result.output()).isZero();
    Map<String, String> alerts = alertExpressions();
    assertThat(result.output()).contains("SUCCESS: " + alerts.size() + " rules found");
    assertThat(alerts.keySet())
        .contains(
            "ServiceDown",
            "HighServerErrorRatio",
            "OutboxBacklogOld",
            "OAuthRefreshFailing",
            "AuditConsumerLagging",
            "AuditEventsDeadLettered",
            "VaultErrors",
            "RateLimitRejectionsSpike",
            "CredentialsExpiringSoon",
            "RewrapBlocked",
            "RewrapStalled");
    assertThat(alerts.get("OutboxBacklogOld")).contains("mcpm_outbox_oldest_age_seconds");
    assertThat(alerts.get("HighServerErrorRatio"))
        .contains("http_server_requests_seconds_count", "5..");
    assertThat(alerts.get("RateLimitRejectionsSpike")).contains("\"429\"");
    for (Conventions app : Conventions.applications()) {
      assertThat(alerts)
          .as("an ApplicationAbsent rule for %s", app.module())
          .containsValue("absent(up{application=\"" + app.module() + "\"} == 1)");
    }
  }

  @Test
  void shouldParseEveryDashboardExpression(@TempDir Path dir) throws IOException {
    Map<String, String> expressions = dashboardExpressions();
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(25);
    Path rules = writeRecordingRules(dir.resolve("dashboards.yml"), expressions.values());
    Commands.Result result = promtool("check", "rules", rules.toString());
    assertThat(result.exitCode()).as("dashboard expressions:%n%s", result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: " + expressions.size() + " rules found");
  }

  @Test
  void shouldRejectABrokenExpressionInTheSameHarness(@TempDir Path dir) {
    Path rules =
        writeRecordingRules(
            dir.resolve("broken.yml"),
            List.of(
                grafanaToPromQl(
                    "sum by (application) (rate(http_server_requests_seconds_count[$__rate_interval])")));
    Commands.Result result = promtool("check", "rules", rules.toString());
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.output()).contains("parse error");
  }

  @Test
  void shouldProvisionFiveDashboardsOnTheProvisionedDatasource() throws IOException {
    Map<String, Object> datasources =
        new Yaml()
            .load(
                Repository.read(
                    Repository.file(
                        "observability/grafana/provisioning/datasources/prometheus.yml")));
    String uid =
        (String) ((List<Map<String, Object>>) datasources.get("datasources")).getFirst().get("uid");
    Set<String> uids = new TreeSet<>();
    Set<String> titles = new TreeSet<>();
    for (Path file : dashboardFiles()) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      assertThat(uids.add(dashboard.path("uid").asString())).as("unique uid in %s", file).isTrue();
      titles.add(dashboard.path("title").asString());
      for (JsonNode panel : dashboard.path("panels")) {
        assertThat(panel.path("datasource").path("uid").asString())
            .as("datasource of %s", panel.path("title"))
            .isEqualTo(uid);
        assertThat(panel.path("targets").isEmpty())
            .as("queries of panel %s", panel.path("title"))
            .isFalse();
      }
    }
    assertThat(titles)
        .hasSize(5)
        .anyMatch(t -> t.contains("overview"))
        .anyMatch(t -> t.contains("credential"))
        .anyMatch(t -> t.contains("OAuth"))
        .anyMatch(t -> t.contains("audit"))
        .anyMatch(t -> t.contains("rate limits"));
    String overview = Files.readString(DASHBOARDS.resolve("suite-overview.json"));
    assertThat(overview)
        .contains(
            "http_server_requests_seconds_count",
            "http_server_requests_seconds_bucket",
            "by (application");
  }

  @Test
  void shouldDocumentEveryMetricTheDashboardsAndAlertsUse() {
    Set<String> documented = documentedMetrics();
    Set<String> used = new TreeSet<>();
    dashboardExpressions()
        .values()
        .forEach(expr -> used.addAll(metricNames(grafanaToPromQl(expr))));
    alertExpressions().values().forEach(expr -> used.addAll(metricNames(expr)));
    assertThat(used)
        .contains(
            "mcpm_outbox_pending",
            "mcpm_outbox_oldest_age_seconds",
            "http_server_requests_seconds_bucket");
    assertThat(documented).as("metrics listed in observability/README.md").containsAll(used);
  }

  @Test
  void shouldExtractMetricNamesButNotFunctionsLabelsOrKeywords() {
    assertThat(
            metricNames(
                "sum by (application) (rate(foo_total{status=~\"5..\", a=\"b c\"}[5m])) "
                    + "/ on (application) group_left bar_seconds_count > 3 * (baz offset 1h or vector(0))"))
        .containsExactlyInAnyOrder("foo_total", "bar_seconds_count", "baz");
  }

  @Test
  void shouldScrapeEveryApplicationOnItsManagementPort() {
    Map<String, Object> eureka = scrapeJob("observability/prometheus.yml", "mcp-manager");
    assertThat(eureka)
        .containsKey("eureka_sd_configs")
        .containsEntry("metrics_path", "/actuator/prometheus");
    List<Map<String, Object>> relabel = (List<Map<String, Object>>) eureka.get("relabel_configs");
    for (Conventions app : Conventions.applications()) {
      if (app.module().equals("discovery")) {
        assertThat(scrapeJob("observability/prometheus.yml", "discovery").toString())
            .contains("discovery:9761");
        continue;
      }
      assertThat(relabel)
          .as("relabelling of %s to its management port", app.module())
          .anySatisfy(
              rule -> {
                assertThat(rule)
                    .containsEntry("regex", app.module() + ";(.+)")
                    .containsEntry("target_label", "__address__");
                assertThat(rule.get("replacement")).isEqualTo("$1:" + app.managementPort());
              });
    }
    // The local stack finds the apps through Eureka too, on the management port each registers.
    Map<String, Object> local = scrapeJob("observability/prometheus-local.yml", "mcp-manager");
    assertThat(local)
        .containsKey("eureka_sd_configs")
        .containsEntry("metrics_path", "/actuator/prometheus");
    assertThat(local.get("relabel_configs").toString())
        .contains(
            "__meta_eureka_app_instance_metadata_management_port", "target_label=__address__");
    assertThat(scrapeJob("observability/prometheus-local.yml", "discovery").toString())
        .contains("127.0.0.1:9761", "application=discovery");
  }

  /**
   * The local Prometheus config names ports; local-stack/ports.properties is where they are
   * defined.
   */
  @Test
  void shouldScrapeTheLocalStackOnThePortsOfItsPortsFile() throws Exception {
    Properties ports = new Properties();
    try (Reader reader = Files.newBufferedReader(Repository.file("local-stack/ports.properties"))) {
      ports.load(reader);
    }
    Map<String, String> targets =
        Map.of(
            "discovery", "127.0.0.1:" + ports.getProperty("discovery.management"),
            "vault", "127.0.0.1:" + ports.getProperty("openbao"),
            "prometheus", "127.0.0.1:" + ports.getProperty("prometheus"));
    targets.forEach(
        (job, target) ->
            assertThat(scrapeJob("observability/prometheus-local.yml", job).toString())
                .as("scrape target of job %s", job)
                .contains("targets=[" + target + "]"));
    assertThat(scrapeJob("observability/prometheus-local.yml", "mcp-manager").toString())
        .contains("server=http://127.0.0.1:" + ports.getProperty("discovery") + "/eureka");
  }

  @Test
  void shouldReportExpressionsWithoutDataFromARunningPrometheus(@TempDir Path dir)
      throws Exception {
    String prometheus = Commands.require("prometheus", PROMTOOL_HINT);
    Path rules = dir.resolve("rules");
    Files.createDirectories(rules);
    Files.copy(ALERTS, rules.resolve("alerts.yml"));
    int port = VaultBootstrapTests.freePort();
    Path config =
        Files.writeString(
            dir.resolve("prometheus.yml"),
            """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: ["rules/*.yml"]
        scrape_configs:
          - job_name: prometheus
            static_configs:
              - targets: ["127.0.0.1:%d"]
                labels: { application: prometheus }
        """
                .formatted(port));
    Process server =
        new ProcessBuilder(
                prometheus,
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.path=" + dir.resolve("data"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    try {
      String url = "http://127.0.0.1:" + port;
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> server.isAlive() && query(url, "up") > 0);
      Commands.Result result =
          Commands.run(
              List.of("bash", "observability/check-queries.sh", url),
              Map.of(),
              Duration.ofMinutes(2));
      assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
      assertThat(result.output())
          .containsPattern("ok +up \\(1 series\\)")
          .contains("EMPTY  mcpm_outbox_pending")
          .contains("EMPTY  suite-overview / Requests per second")
          .containsPattern("ok +suite-overview / Instances up")
          .doesNotContain("ERROR")
          .containsPattern("\\d+ passed, \\d+ failed");
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private static int query(String url, String promql) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create(
                          url
                              + "/api/v1/query?query="
                              + java.net.URLEncoder.encode(
                                  promql, java.nio.charset.StandardCharsets.UTF_8)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? JSON.readTree(response.body()).path("data").path("result").size()
          : 0;
    } catch (java.net.ConnectException e) {
      return 0;
    }
  }

  static Commands.Result promtool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Commands.require("promtool", PROMTOOL_HINT));
    command.addAll(List.of(args));
    return Commands.run(command);
  }

  static Map<String, Object> scrapeJob(String config, String job) {
    Map<String, Object> prometheus = new Yaml().load(Repository.read(Repository.file(config)));
    return ((List<Map<String, Object>>) prometheus.get("scrape_configs"))
        .stream().filter(scrape -> job.equals(scrape.get("job_name"))).findFirst().orElseThrow();
  }

  static Map<String, String> alertExpressions() {
    Map<String, Object> rules = new Yaml().load(Repository.read(ALERTS));
    Map<String, String> alerts = new LinkedHashMap<>();
    int index = 0;
    for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        String name = (String) rule.get("alert");
        alerts.put(
            alerts.containsKey(name) ? name + "#" + index++ : name,
            ((String) rule.get("expr")).trim());
      }
    }
    return alerts;
  }

  static List<Path> dashboardFiles() {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every panel query, keyed by "file / panel title / refId". */
  static Map<String, String> dashboardExpressions() {
    Map<String, String> expressions = new LinkedHashMap<>();
    for (Path file : dashboardFiles()) {
      JsonNode dashboard = JSON.readTree(file.toFile());
      for (JsonNode panel : dashboard.path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          expressions.put(
              file.getFileName()
                  + " / "
                  + panel.path("title").asString()
                  + " / "
                  + target.path("refId").asString(),
              target.path("expr").asString());
        }
      }
    }
    return expressions;
  }

  /** Grafana's variables replaced by values, as Grafana would before sending the query. */
  static String grafanaToPromQl(String expr) {
    return expr.replace("$__rate_interval", "5m")
        .replace("$__interval", "1m")
        .replace("$__range", "1h")
        .replace("${application}", ".*")
        .replace("$application", ".*");
  }

  static Path writeRecordingRules(Path file, java.util.Collection<String> expressions) {
    List<Map<String, Object>> rules = new ArrayList<>();
    int index = 0;
    for (String expr : expressions) {
      rules.add(Map.of("record", "dashboard:expression_" + index++, "expr", grafanaToPromQl(expr)));
    }
    String yaml =
        new Yaml().dump(Map.of("groups", List.of(Map.of("name", "dashboards", "rules", rules))));
    try {
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Set<String> documentedMetrics() {
    Set<String> metrics = new TreeSet<>();
    Matcher rows =
        Pattern.compile("(?m)^\\| `([a-zA-Z_:][a-zA-Z0-9_:]*)`")
            .matcher(Repository.read(Repository.file("observability/README.md")));
    while (rows.find()) {
      metrics.add(rows.group(1));
    }
    return metrics;
  }

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "offset",
          "bool",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "atan2");

  /**
   * Metric names in a PromQL expression: identifiers that are not functions, labels, keywords or
   * durations.
   */
  static Set<String> metricNames(String promql) {
    String stripped =
        promql
            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new LinkedHashSet<>();
    Matcher identifiers =
        Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()").matcher(stripped);
    while (identifiers.find()) {
      if (!KEYWORDS.contains(identifiers.group(1))) {
        names.add(identifiers.group(1));
      }
    }
    return names;
  }
}
