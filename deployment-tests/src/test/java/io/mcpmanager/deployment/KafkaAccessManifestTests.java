package io.mcpmanager.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.localstack.KafkaAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Compose and Kubernetes grant the same Kafka access as the local stack ({@link KafkaAccess},
 * proved on a real broker in test-support's KafkaAuthorizationTests): the same topics, principals
 * and ACLs, and every service connects as itself with a password from a secret.
 */
class KafkaAccessManifestTests {

  /** principal, resource type, name, pattern, operation: one ACL, as both sides can spell it. */
  record Grant(String principal, String type, String name, String pattern, String operation) {

    static Grant of(AclBinding acl) {
      return new Grant(
          acl.entry().principal().substring("User:".length()),
          acl.pattern().resourceType().name().toLowerCase(),
          acl.pattern().name(),
          acl.pattern().patternType() == PatternType.PREFIXED ? "prefix" : "literal",
          acl.entry().operation().name().toLowerCase());
    }
  }

  private static Set<Grant> expected() {
    return KafkaAccess.acls().stream().map(Grant::of).collect(Collectors.toSet());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> strimziResources() {
    Iterable<Object> documents =
        new Yaml().loadAll(Repository.read(Repository.file("k8s/kafka/kafka-access.yaml")));
    return StreamSupport.stream(documents.spliterator(), false)
        .map(d -> (Map<String, Object>) d)
        .toList();
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldGiveEveryKafkaUserExactlyTheLocalStacksAcls() {
    Set<Grant> granted = new java.util.HashSet<>();
    Set<String> users = new java.util.HashSet<>();
    for (Map<String, Object> resource : strimziResources()) {
      if (!"KafkaUser".equals(resource.get("kind"))) {
        continue;
      }
      String user = (String) ((Map<String, Object>) resource.get("metadata")).get("name");
      users.add(user);
      Map<String, Object> spec = (Map<String, Object>) resource.get("spec");
      assertThat((Map<String, Object>) spec.get("authentication"))
          .as("authentication of %s", user)
          .containsEntry("type", "scram-sha-512");
      Map<String, Object> authorization = (Map<String, Object>) spec.get("authorization");
      assertThat(authorization).containsEntry("type", "simple");
      for (Map<String, Object> acl : (List<Map<String, Object>>) authorization.get("acls")) {
        Map<String, Object> on = (Map<String, Object>) acl.get("resource");
        for (String operation : (List<String>) acl.get("operations")) {
          granted.add(
              new Grant(
                  user,
                  (String) on.get("type"),
                  (String) on.get("name"),
                  (String) on.get("patternType"),
                  operation.toLowerCase()));
        }
      }
    }
    assertThat(users).containsExactlyInAnyOrderElementsOf(KafkaAccess.principals());
    assertThat(granted).containsExactlyInAnyOrderElementsOf(expected());
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldDeclareTheLocalStacksTopicsAsKafkaTopics() {
    List<String> topics =
        strimziResources().stream()
            .filter(r -> "KafkaTopic".equals(r.get("kind")))
            .map(r -> (String) ((Map<String, Object>) r.get("metadata")).get("name"))
            .toList();
    assertThat(topics).containsExactlyInAnyOrderElementsOf(KafkaAccess.topics());
  }

  /** kafka-init.sh spells the same grants as kafka-acls.sh calls, loops unrolled by hand. */
  @Test
  void shouldGrantTheLocalStacksAclsInComposesKafkaInit() {
    String script = Repository.read(Repository.file("kafka-config/kafka-init.sh"));
    Map<String, List<String>> lists = new java.util.HashMap<>();
    Matcher list = Pattern.compile("(?m)^(\\w+)=\"([^\"]*)\"$").matcher(script);
    while (list.find()) {
      lists.put(
          list.group(1), List.of(list.group(2).replace("$producers", "").trim().split("\\s+")));
    }
    List<String> producers = lists.get("producers");
    List<String> principals = new ArrayList<>(producers);
    principals.addAll(lists.get("principals"));
    Set<Grant> granted = new java.util.HashSet<>();
    for (String producer : producers) {
      granted.add(new Grant(producer, "topic", "mcpm.events." + producer, "literal", "write"));
    }
    for (String follower : lists.get("followers")) {
      granted.add(new Grant(follower, "topic", "mcpm.events.auth-server", "literal", "read"));
    }
    for (String principal : principals) {
      granted.add(new Grant(principal, "group", principal, "prefix", "read"));
    }
    Matcher audit =
        Pattern.compile(
                "(?m)^allow audit-service --operation (\\w+) --topic (\\S+)"
                    + " --resource-pattern-type prefixed$")
            .matcher(script);
    while (audit.find()) {
      granted.add(
          new Grant(
              "audit-service", "topic", audit.group(2), "prefix", audit.group(1).toLowerCase()));
    }
    assertThat(script)
        .contains("allow \"$producer\" --operation Write --topic \"mcpm.events.$producer\"")
        .contains("allow \"$follower\" --operation Read --topic mcpm.events.auth-server")
        .contains(
            "allow \"$principal\" --operation Read --group \"$principal\""
                + " --resource-pattern-type prefixed");
    assertThat(granted).containsExactlyInAnyOrderElementsOf(expected());
    for (String principal : KafkaAccess.principals()) {
      assertThat(script)
          .as("kafka-init creates the SCRAM user %s", principal)
          .containsPattern("(?m)^user " + principal + " \"\\$\\{KAFKA_[A-Z_]+_PASSWORD:-}\"$");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldConnectEveryComposeServiceAsItsOwnPrincipalWithAPasswordFromEnv() {
    Map<String, Object> compose =
        new Yaml().load(Repository.read(Repository.file("docker-compose.yml")));
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    for (String principal : KafkaAccess.principals()) {
      Map<String, Object> environment =
          (Map<String, Object>) services.get(principal).get("environment");
      assertThat(environment)
          .as("Kafka client settings of %s", principal)
          .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
          .containsEntry("KAFKA_USERNAME", principal);
      String variable = "KAFKA_" + principal.toUpperCase().replace('-', '_') + "_PASSWORD";
      assertThat((String) environment.get("KAFKA_PASSWORD")).startsWith("${" + variable + ":?");
    }
    Map<String, Object> broker = (Map<String, Object>) services.get("kafka").get("environment");
    assertThat((String) broker.get("KAFKA_ADMIN_PASSWORD")).startsWith("${KAFKA_ADMIN_PASSWORD:?");
    assertThat(Repository.read(Repository.file("kafka-config/kafka-start.sh")))
        .contains(
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "allow.everyone.if.no.acl.found=false",
            "super.users=User:admin",
            "listeners=SASL_PLAINTEXT://:9092,CONTROLLER://:9093",
            "sasl.enabled.mechanisms=SCRAM-SHA-512",
            "auto.create.topics.enable=false",
            "--add-scram");
  }
}
