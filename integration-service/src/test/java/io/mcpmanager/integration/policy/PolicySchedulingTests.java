package io.mcpmanager.integration.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpmanager.integration.IntegrationServiceTestBase;
import io.mcpmanager.integration.config.IntegrationProperties;
import io.mcpmanager.integration.oauth.OAuthConnectService;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.IntervalTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The jobs' delays come from {@code integration.*}; each is behind its lock, so two replicas run it
 * once a tick.
 */
class PolicySchedulingTests extends IntegrationServiceTestBase {

  static final String STATE_PURGE = "SingleReplicaJob[integration-oauth-state-purge]";

  @Autowired IntegrationProperties properties;
  @Autowired LockingTaskExecutor locks;
  @Autowired RevalidationJob revalidation;
  @Autowired RefreshJob refresh;
  @Autowired ExpiryPolicyJob expiry;
  @Autowired OAuthConnectService oauth;

  @AfterEach
  void freeTheLocks() {
    jdbc.sql("DELETE FROM shedlock WHERE name LIKE 'integration-%'").update();
    jdbc.sql("DELETE FROM oauth_state WHERE user_id = 'scheduling-test'").update();
  }

  /** One replica's schedule, with every job switched on (the test base switches them off). */
  ScheduledTaskRegistrar replica(boolean enabled) {
    IntegrationProperties p = properties;
    IntegrationProperties.Revalidation rv = p.revalidation();
    IntegrationProperties.Refresh rf = p.refresh();
    IntegrationProperties.Policy po = p.policy();
    IntegrationProperties withJobs =
        new IntegrationProperties(
            p.providers(),
            p.validation(),
            new IntegrationProperties.Revalidation(
                enabled, rv.interval(), rv.jitter(), rv.batchSize(), rv.pollDelay()),
            new IntegrationProperties.Refresh(
                enabled, rf.skew(), rf.failureThreshold(), rf.backoff(), rf.pollDelay()),
            new IntegrationProperties.Policy(
                enabled,
                po.rotationGrace(),
                po.maxCredentialAge(),
                po.expiryWarning(),
                po.staleAfter(),
                po.pollDelay()),
            p.google(),
            p.oauth(),
            p.jobs(),
            p.metaMaxBytes());
    ScheduledTaskRegistrar registrar = new ScheduledTaskRegistrar();
    new PolicyScheduling(withJobs, locks, revalidation, refresh, expiry, oauth)
        .configureTasks(registrar);
    return registrar;
  }

  static String name(IntervalTask task) {
    return task.getRunnable()
        .toString(); // the scheduler wraps the job, the wrapper shows the job's name
  }

  @Test
  void shouldScheduleEachJobBehindItsLockAtItsPollDelay() {
    List<IntervalTask> tasks = replica(true).getFixedDelayTaskList();

    assertThat(tasks)
        .extracting(PolicySchedulingTests::name)
        .containsExactly(
            "SingleReplicaJob[integration-revalidation]",
            "SingleReplicaJob[integration-refresh]",
            "SingleReplicaJob[integration-expiry-policy]",
            STATE_PURGE);
    assertThat(tasks)
        .extracting(IntervalTask::getIntervalDuration)
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofSeconds(30),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10));
    assertThat(tasks)
        .extracting(IntervalTask::getInitialDelayDuration)
        .containsExactly(
            Duration.ofMinutes(1),
            Duration.ofSeconds(30),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10));
    assertThat(replica(false).getFixedDelayTaskList()).isEmpty();
  }

  @Test
  void shouldRunAJobOnOneOfTwoReplicasWhoseTimersFireTogether() {
    Runnable first = statePurge(replica(true));
    Runnable second = statePurge(replica(true));

    String purgedByTheFirst = expiredState();
    first.run();
    String leftByTheSecond = expiredState();
    second.run();

    assertThat(states(purgedByTheFirst, leftByTheSecond)).containsExactly(leftByTheSecond);
  }

  private static Runnable statePurge(ScheduledTaskRegistrar registrar) {
    return registrar.getFixedDelayTaskList().stream()
        .filter(task -> name(task).equals(STATE_PURGE))
        .findFirst()
        .orElseThrow()
        .getRunnable();
  }

  private String expiredState() {
    String id = UUID.randomUUID().toString();
    Timestamp past = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
    jdbc.sql(
            """
            INSERT INTO oauth_state (id, user_id, provider, redirect_uri, expires_at, created_at)
            VALUES (?, 'scheduling-test', 'google', 'http://127.0.0.1/callback', ?, ?)""")
        .params(id, past, past)
        .update();
    return id;
  }

  private List<String> states(String... ids) {
    return jdbc.sql("SELECT id FROM oauth_state WHERE id IN (:ids)")
        .param("ids", List.of(ids))
        .query(String.class)
        .list();
  }
}
