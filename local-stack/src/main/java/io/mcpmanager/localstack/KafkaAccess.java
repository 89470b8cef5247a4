package io.mcpmanager.localstack;

import io.mcpmanager.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the platform's Kafka: one SCRAM principal per service, and ACLs that bind each
 * events topic to its producer. The broker denies everything no ACL allows ({@code
 * allow.everyone.if.no.acl.found=false}); only the {@link #ADMIN} super user, which this bootstrap
 * runs as, needs no ACL.
 *
 * <ul>
 *   <li>each producing service WRITEs its own {@code mcpm.events.<service>} topic, no other;
 *   <li>audit-service READs every events topic (prefix {@code mcpm.events.}) and WRITEs its own
 *       topics (prefix {@code mcpm.audit.}: dead letters, checkpoints);
 *   <li>the gateway and the services that follow user status READ auth-server's topic;
 *   <li>every service may use consumer groups named after itself (prefix {@code <service>}).
 * </ul>
 */
public final class KafkaAccess {

  /** The broker's super user: inter-broker traffic and this bootstrap only, never an app. */
  public static final String ADMIN = "admin";

  public static final String AUDIT_SERVICE = "audit-service";
  public static final String GATEWAY = "gateway";

  /** Services that keep a table of disabled users from auth-server's events (kit). */
  static final List<String> USER_STATUS_FOLLOWERS =
      List.of("integration-service", "git-connection-service", "mcp-server-service");

  private KafkaAccess() {}

  /** Every app principal: the producers, audit-service and the gateway. */
  public static List<String> principals() {
    List<String> principals = new ArrayList<>(producers());
    principals.add(AUDIT_SERVICE);
    principals.add(GATEWAY);
    return List.copyOf(principals);
  }

  static List<String> producers() {
    return Topics.EVENT_TOPICS.stream().map(t -> Topics.producerOf(t).orElseThrow()).toList();
  }

  /** The topics the platform uses; created here because the broker does not create topics. */
  public static List<String> topics() {
    List<String> topics = new ArrayList<>(Topics.EVENT_TOPICS);
    topics.add(Topics.DEAD_LETTERS);
    topics.add(Topics.AUDIT_CHECKPOINTS);
    return List.copyOf(topics);
  }

  public static List<AclBinding> acls() {
    List<AclBinding> acls = new ArrayList<>();
    for (String producer : producers()) {
      acls.add(allow(producer, topic(Topics.eventsOf(producer)), AclOperation.WRITE));
    }
    acls.add(allow(AUDIT_SERVICE, topicPrefix(Topics.EVENTS_PREFIX), AclOperation.READ));
    acls.add(allow(AUDIT_SERVICE, topicPrefix(Topics.AUDIT_PREFIX), AclOperation.WRITE));
    List<String> followers = new ArrayList<>(USER_STATUS_FOLLOWERS);
    followers.add(GATEWAY);
    for (String follower : followers) {
      acls.add(allow(follower, topic(Topics.AUTH_SERVER_EVENTS), AclOperation.READ));
    }
    for (String principal : principals()) {
      acls.add(
          allow(
              principal,
              new ResourcePattern(ResourceType.GROUP, principal, PatternType.PREFIXED),
              AclOperation.READ));
    }
    return List.copyOf(acls);
  }

  /**
   * Idempotent: sets every principal's SCRAM-SHA-512 password (creating or replacing it), creates
   * missing topics and adds the ACLs (existing ones stay). Run as {@link #ADMIN}.
   */
  public static void apply(Admin admin, Map<String, String> passwords) {
    try {
      List<UserScramCredentialUpsertion> users =
          passwords.entrySet().stream()
              .map(
                  e ->
                      new UserScramCredentialUpsertion(
                          e.getKey(),
                          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                          e.getValue()))
              .toList();
      admin.alterUserScramCredentials(List.copyOf(users)).all().get();
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          topics().stream()
              .filter(t -> !existing.contains(t))
              .map(t -> new NewTopic(t, Optional.empty(), Optional.empty()))
              .toList();
      admin.createTopics(missing).all().get();
      admin.createAcls(acls()).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka bootstrap failed: " + e.getCause(), e.getCause());
    }
  }

  private static ResourcePattern topic(String name) {
    return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
  }

  private static ResourcePattern topicPrefix(String prefix) {
    return new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED);
  }

  private static AclBinding allow(String principal, ResourcePattern on, AclOperation operation) {
    return new AclBinding(
        on, new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
  }
}
