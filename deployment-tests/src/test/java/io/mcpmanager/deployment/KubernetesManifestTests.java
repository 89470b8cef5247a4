package io.mcpmanager.deployment;

import static io.mcpmanager.deployment.ComposeFileTests.list;
import static io.mcpmanager.deployment.ComposeFileTests.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every kustomize overlay, rendered with `kubectl kustomize`, checked against the module
 * conventions.
 */
@SuppressWarnings("unchecked")
class KubernetesManifestTests {

  static Stream<String> overlays() {
    Path overlays = Repository.file("k8s/overlays");
    try (Stream<Path> dirs = Files.list(overlays)) {
      List<String> names =
          dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
              .map(dir -> dir.getFileName().toString())
              .sorted()
              .toList();
      assertThat(names).as("overlays under %s", overlays).contains("dev", "prod");
      return names.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldDeployEveryApplicationModuleSafely(String overlay) {
    Rendered rendered = render(overlay);
    String namespace = rendered.only("Namespace", null).name();
    for (Resource resource : rendered.resources) {
      if (!List.of("Namespace", "PriorityClass").contains(resource.kind())) {
        assertThat(resource.namespace())
            .as("namespace of %s %s", resource.kind(), resource.name())
            .isEqualTo(namespace);
      }
    }
    for (Conventions app : Conventions.applications()) {
      checkDeployment(rendered, app, overlay);
      checkService(rendered, app);
      checkServiceAccountAndConfig(rendered, app);
      Resource pdb = rendered.only("PodDisruptionBudget", app.module());
      assertThat((Object) pdb.at("spec", "selector", "matchLabels"))
          .as("PDB selector")
          .isEqualTo(Map.of("app", app.module()));
      if (!app.module().equals("discovery")) {
        Resource hpa = rendered.only("HorizontalPodAutoscaler", app.module());
        assertThat((Object) hpa.at("spec", "scaleTargetRef"))
            .isEqualTo(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", app.module()));
        assertThat((Integer) hpa.at("spec", "minReplicas"))
            .isPositive()
            .isLessThanOrEqualTo((Integer) hpa.at("spec", "maxReplicas"));
      }
    }
  }

  /**
   * mcp-server-service is the one service calling others: its client, and auth-server registering
   * it.
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void shouldGiveTheBrokeringServiceAnOAuthClientThatAuthServerRegisters(String overlay) {
    Rendered rendered = render(overlay);
    Map<String, Map<String, Object>> mcp = env(container(rendered, "mcp-server-service"));
    assertThat(mcp.get("MCPM_CLIENT_ID")).containsEntry("value", "mcp-server-service");
    assertThat(mcp.get("MCPM_CLIENT_SCOPES"))
        .containsEntry("value", "integrations.broker,git.broker");
    assertThat(mcp.get("MCPM_CLIENT_SECRET").toString())
        .contains("mcp-server-service-credentials", "client-secret");
    Map<String, Map<String, Object>> auth = env(container(rendered, "auth-server"));
    assertThat(auth.get("MCPM_CLIENTS_MCP_SERVER_SERVICE_SECRET"))
        .as("auth-server registers the client")
        .isNotNull()
        .containsEntry("valueFrom", mcp.get("MCPM_CLIENT_SECRET").get("valueFrom"));
    for (Conventions app : Conventions.applications()) {
      assertThat(env(container(rendered, app.module())))
          .as("%s: nothing reads it outside the local stack", app.module())
          .doesNotContainKey("MCPM_SERVICE_CLIENT_SECRET");
    }
  }

  private static Map<String, Object> container(Rendered rendered, String module) {
    return rendered.only("Deployment", module).containers().stream()
        .filter(c -> module.equals(c.get("name")))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void shouldDenyAllTrafficByDefaultAndAllowOnlyTheSuitesFlows(String overlay) {
    Rendered rendered = render(overlay);
    Resource deny = rendered.only("NetworkPolicy", "default-deny-all");
    assertThat((Object) deny.at("spec", "podSelector")).isEqualTo(Map.of());
    assertThat(list(deny.at("spec", "policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat((Object) deny.at("spec", "ingress")).isNull();
    assertThat((Object) deny.at("spec", "egress")).isNull();

    List<Integer> managementPorts =
        Conventions.applications().stream().map(Conventions::managementPort).toList();
    assertThat(
            ports(
                rendered
                    .only("NetworkPolicy", "prometheus-to-management-ports")
                    .at("spec", "ingress")))
        .containsExactlyInAnyOrderElementsOf(managementPorts);
    Object servicesIngress =
        rendered.only("NetworkPolicy", "gateway-and-services-to-services").at("spec", "ingress");
    assertThat(servicesIngress.toString()).contains("gateway");
    assertThat(ports(servicesIngress))
        .contains(8081, 8082, 8083, 8084)
        .doesNotContainAnyElementsOf(managementPorts);
    assertThat(
            ports(
                rendered.only("NetworkPolicy", "services-to-infrastructure").at("spec", "egress")))
        .containsExactlyInAnyOrder(5432, 9092, 8200);
  }

  /**
   * Only the suite's own images run in the cluster (infrastructure comes from operators, see
   * k8s/README.md); anything else must be pinned by digest. Our images get their digest at release
   * with `kustomize edit set image`.
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void shouldRunOnlyOwnImagesOrImagesPinnedByDigest(String overlay) {
    Rendered rendered = render(overlay);
    for (Resource deployment : rendered.all("Deployment")) {
      for (Map<String, Object> container : deployment.containers()) {
        assertThat((String) container.get("image"))
            .as("image of %s/%s", deployment.name(), container.get("name"))
            .matches(
                "mcp-manager/[a-z-]+(:[A-Za-z0-9._-]+)?(@sha256:[0-9a-f]{64})?|.+@sha256:[0-9a-f]{64}");
      }
    }
  }

  @Test
  void shouldPinImageTagsInProduction() {
    for (Resource deployment : render("prod").all("Deployment")) {
      String image = (String) deployment.containers().getFirst().get("image");
      assertThat(image)
          .as("prod image")
          .doesNotEndWith(":latest")
          .matches("mcp-manager/[a-z-]+:\\d+\\.\\d+\\.\\d+");
      assertThat((Integer) deployment.at("spec", "replicas"))
          .as("prod replicas of %s", deployment.name())
          .isGreaterThanOrEqualTo(deployment.name().equals("discovery") ? 1 : 3);
    }
  }

  private static void checkDeployment(Rendered rendered, Conventions app, String overlay) {
    String module = app.module();
    Resource deployment = rendered.only("Deployment", module);
    Map<String, Object> labels = deployment.at("spec", "template", "metadata", "labels");
    assertThat((Object) deployment.at("spec", "selector", "matchLabels"))
        .as("selector of %s", module)
        .isEqualTo(Map.of("app", module));
    assertThat(labels).as("pod labels of %s", module).containsEntry("app", module);
    Map<String, Object> pod = deployment.at("spec", "template", "spec");
    assertThat(pod.get("serviceAccountName")).isEqualTo(module);
    Map<String, Object> podSecurity = map(pod, "securityContext");
    assertThat(podSecurity).containsEntry("runAsNonRoot", true);
    assertThat((Integer) podSecurity.get("runAsUser")).isPositive();
    assertThat(map(pod, "affinity").toString())
        .as("anti-affinity of %s", module)
        .contains("podAntiAffinity", "app=" + module);

    List<Map<String, Object>> containers = deployment.containers();
    Map<String, Object> container =
        containers.stream()
            .filter(c -> module.equals(c.get("name")))
            .findFirst()
            .orElseGet(() -> fail("no container named %s in %s", module, overlay));
    assertThat((String) container.get("image")).startsWith("mcp-manager/" + module + ":");
    assertThat(namedPorts(container))
        .as("container ports of %s", module)
        .containsEntry("http", app.port())
        .containsEntry("management", app.managementPort());
    probe(container, "livenessProbe", "/actuator/health/liveness");
    probe(container, "readinessProbe", "/actuator/health/readiness");
    probe(container, "startupProbe", "/actuator/health/liveness");
    Map<String, Object> resources = map(container, "resources");
    assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
    assertThat(map(resources, "limits")).containsKeys("cpu", "memory");
    Map<String, Object> security = map(container, "securityContext");
    assertThat(security)
        .containsEntry("readOnlyRootFilesystem", true)
        .containsEntry("allowPrivilegeEscalation", false);
    assertThat(list(map(security, "capabilities").get("drop"))).contains("ALL");
    String tmpVolume = volumeMountedAt(container, "/tmp");
    assertThat(
            ((List<Map<String, Object>>) pod.get("volumes"))
                .stream()
                    .filter(volume -> tmpVolume.equals(volume.get("name")))
                    .findFirst()
                    .orElseThrow())
        .as("/tmp of %s", module)
        .containsKey("emptyDir");

    Map<String, Object> annotations = deployment.at("spec", "template", "metadata", "annotations");
    assertThat(annotations)
        .containsEntry("prometheus.io/port", String.valueOf(app.managementPort()))
        .containsEntry("prometheus.io/path", "/actuator/prometheus");
    Map<String, Map<String, Object>> env = env(container);
    assertThat(env.get("MCPM_ADVERTISED_ADDRESS").toString()).contains("status.podIP");
    if (app.usesVault()) {
      assertThat(annotations)
          .containsEntry("vault.hashicorp.com/agent-inject", "true")
          .containsEntry("vault.hashicorp.com/role", module)
          .containsEntry("vault.hashicorp.com/agent-cache-use-auto-auth-token", "force")
          .containsEntry(
              "vault.hashicorp.com/agent-service-account-token-volume-name", "vault-token");
      Map<String, Object> tokenVolume =
          ((List<Map<String, Object>>) pod.get("volumes"))
              .stream()
                  .filter(volume -> "vault-token".equals(volume.get("name")))
                  .findFirst()
                  .orElseGet(() -> fail("no projected vault-token volume in %s", module));
      assertThat(tokenVolume.toString())
          .as("the Vault agent's token is projected and short-lived")
          .contains("serviceAccountToken", "expirationSeconds=3600");
      assertThat(container.get("volumeMounts").toString())
          .as("the application container of %s never mounts the token", module)
          .doesNotContain("vault-token", "/var/run/secrets/kubernetes.io");
    } else {
      assertThat(annotations).doesNotContainKey("vault.hashicorp.com/agent-inject");
    }
    assertThat(pod.get("automountServiceAccountToken"))
        .as("pod of %s mounts no API token (none calls the Kubernetes API)", module)
        .isEqualTo(false);
    for (String name : List.of("MCPM_DISCOVERY_USERNAME", "MCPM_DISCOVERY_PASSWORD")) {
      assertThat(env.get(name))
          .as(
              "%s of %s: the Eureka account comes from the discovery-credentials Secret",
              name, module)
          .isNotNull()
          .doesNotContainKey("value");
      assertThat(env.get(name).toString()).contains("secretKeyRef", "discovery-credentials");
    }
    if (!module.equals("discovery")) {
      assertThat(env.get("KAFKA_PASSWORD"))
          .as("%s's Kafka password comes from its KafkaUser's Secret", module)
          .isNotNull()
          .doesNotContainKey("value");
      assertThat(env.get("KAFKA_PASSWORD").toString()).contains("secretKeyRef", module + "-kafka");
    }
    if (app.hasDatabase()) {
      assertThat(env.get("DB_PASSWORD").toString()).contains("secretKeyRef", module + "-db");
      assertThat(env.get("DB_USERNAME").toString()).contains("secretKeyRef", module + "-db");
      // Flyway migrates as the owner role from a Secret of its own; the runtime role owns nothing.
      assertThat(env.get("DB_OWNER_USERNAME").toString())
          .contains("secretKeyRef", module + "-db-owner");
      assertThat(env.get("DB_OWNER_PASSWORD").toString())
          .contains("secretKeyRef", module + "-db-owner");
    }
    for (String name : env.keySet()) {
      if (ComposeFileTests.SECRET_KEY.matcher(name).matches()) {
        assertThat(env.get(name))
            .as("%s of %s comes from a Secret", name, module)
            .containsKey("valueFrom");
        assertThat(env.get(name).toString()).contains("secretKeyRef");
      }
    }
  }

  private static void checkService(Rendered rendered, Conventions app) {
    Resource service = rendered.only("Service", app.module());
    assertThat((Object) service.at("spec", "selector")).isEqualTo(Map.of("app", app.module()));
    List<Map<String, Object>> ports = service.at("spec", "ports");
    assertThat(ports)
        .extracting(p -> p.get("name"), p -> p.get("port"), p -> p.get("targetPort"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("http", app.port(), "http"),
            org.assertj.core.groups.Tuple.tuple("management", app.managementPort(), "management"));
  }

  private static void checkServiceAccountAndConfig(Rendered rendered, Conventions app) {
    assertThat(rendered.only("ServiceAccount", app.module()).body())
        .as("ServiceAccount of %s", app.module())
        .containsEntry("automountServiceAccountToken", false);
    Resource deployment = rendered.only("Deployment", app.module());
    Map<String, Object> container = deployment.containers().getFirst();
    assertThat(container.get("envFrom").toString()).contains(app.module() + "-config");
    Map<String, Object> config = rendered.only("ConfigMap", app.module() + "-config").at("data");
    assertThat(config)
        .containsEntry("SERVER_PORT", String.valueOf(app.port()))
        .containsEntry("MANAGEMENT_SERVER_PORT", String.valueOf(app.managementPort()))
        .containsEntry("MCPM_DISCOVERY_ADDRESS", "discovery:8761")
        .doesNotContainKeys("EUREKA_URL", "MCPM_DISCOVERY_PASSWORD");
    if (!app.module().equals("discovery")) {
      assertThat(config)
          .as("%s connects to Kafka as its own SASL/SCRAM principal", app.module())
          .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "mcpm-kafka-kafka-bootstrap.kafka.svc:9092")
          .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
          .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
          .containsEntry("KAFKA_USERNAME", app.module());
    }
    for (String key : config.keySet()) {
      if (ComposeFileTests.SECRET_KEY.matcher(key).matches()) {
        assertThat(key)
            .as("secret-named key in ConfigMap of %s", app.module())
            .isEqualTo("VAULT_TOKEN");
        assertThat(config.get(key))
            .as("VAULT_TOKEN is only the placeholder the Vault agent replaces")
            .isEqualTo("replaced-by-vault-agent");
      }
    }
    if (app.hasDatabase()) {
      assertThat((String) config.get("DB_URL"))
          .matches("jdbc:postgresql://[a-z0-9.-]+:5432/" + app.database());
      assertThat(config)
          .containsKey("KAFKA_BOOTSTRAP_SERVERS")
          .containsEntry("VAULT_ADDR", "http://127.0.0.1:8200");
    }
  }

  private static void probe(Map<String, Object> container, String probe, String path) {
    Map<String, Object> get = map(map(container, probe), "httpGet");
    assertThat(get).as(probe).containsEntry("path", path).containsEntry("port", "management");
  }

  private static String volumeMountedAt(Map<String, Object> container, String path) {
    return ((List<Map<String, Object>>) container.get("volumeMounts"))
        .stream()
            .filter(mount -> path.equals(mount.get("mountPath")))
            .map(mount -> (String) mount.get("name"))
            .findFirst()
            .orElseGet(() -> fail("nothing is mounted at %s", path));
  }

  private static Map<String, Integer> namedPorts(Map<String, Object> container) {
    Map<String, Integer> ports = new java.util.HashMap<>();
    for (Map<String, Object> port : (List<Map<String, Object>>) container.get("ports")) {
      ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
    }
    return ports;
  }

  private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
    Map<String, Map<String, Object>> env = new java.util.LinkedHashMap<>();
    for (Map<String, Object> variable : (List<Map<String, Object>>) container.get("env")) {
      env.put((String) variable.get("name"), variable);
    }
    return env;
  }

  private static List<Integer> ports(Object rules) {
    List<Integer> ports = new ArrayList<>();
    for (Map<String, Object> rule : (List<Map<String, Object>>) rules) {
      for (Map<String, Object> port : (List<Map<String, Object>>) rule.get("ports")) {
        ports.add((Integer) port.get("port"));
      }
    }
    return ports;
  }

  static Rendered render(String overlay) {
    String kubectl =
        Commands.require(
            "kubectl",
            "Install kubectl (it bundles kustomize), e.g. `apt-get install -y kubectl` from the Kubernetes apt repository.");
    Commands.Result result = Commands.run(List.of(kubectl, "kustomize", "k8s/overlays/" + overlay));
    assertThat(result.exitCode())
        .as("kubectl kustomize k8s/overlays/%s:%n%s", overlay, result.output())
        .isZero();
    List<Resource> resources = new ArrayList<>();
    for (Object document : new Yaml().loadAll(result.output())) {
      if (document != null) {
        resources.add(new Resource((Map<String, Object>) document));
      }
    }
    assertThat(resources).as("resources rendered for %s", overlay).isNotEmpty();
    return new Rendered(resources);
  }

  record Rendered(List<Resource> resources) {

    List<Resource> all(String kind) {
      return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    Resource only(String kind, String name) {
      List<Resource> matching =
          all(kind).stream().filter(r -> name == null || r.name().equals(name)).toList();
      assertThat(matching).as("%s %s", kind, Objects.requireNonNullElse(name, "")).hasSize(1);
      return matching.getFirst();
    }
  }

  @SuppressWarnings("unchecked")
  record Resource(Map<String, Object> body) {

    String kind() {
      return (String) body.get("kind");
    }

    String name() {
      return at("metadata", "name");
    }

    String namespace() {
      return at("metadata", "namespace");
    }

    <T> T at(String... path) {
      Object node = body;
      for (String key : path) {
        node = node instanceof Map<?, ?> map ? map.get(key) : null;
      }
      return (T) node;
    }

    List<Map<String, Object>> containers() {
      return at("spec", "template", "spec", "containers");
    }
  }
}
