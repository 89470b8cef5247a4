package io.mcpmanager.audit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.audit.config.AuditProperties;
import io.mcpmanager.audit.testdata.AuditEventMother;
import io.mcpmanager.audit.trail.AuditTrail;
import io.mcpmanager.audit.trail.NewEntry;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Retention removes an old prefix of the chain, and never anything younger than its floor. */
@ServiceTest
class AuditRetentionTests {

  private static final String ADMIN = TestJwtIssuer.shared().adminToken("auditor-1");

  @Autowired AuditTrail trail;
  @Autowired JdbcClient jdbc;
  @Autowired AuditRetention retention;
  @Autowired AuditProperties properties;
  @Autowired MockMvc mvc;

  @Test
  void shouldRemoveAPrefixOnRetentionRecordItAsAnEntryAndStillVerify() throws Exception {
    String owner = AuditEventMother.newUser("frank");
    trail.append(IntStream.range(0, 3).mapToObj(i -> AuditEventMother.entry(owner)).toList());
    Instant cutoff = jdbc.sql("SELECT clock_timestamp()").query(Instant.class).single();
    NewEntry kept = AuditEventMother.entry(owner);
    trail.append(List.of(kept));
    // A year and a day later, the entries received before the cutoff are older than the floor.
    AuditRetention aYearLater =
        retention(
            properties.retention(),
            Clock.offset(Clock.systemUTC(), properties.retention().minimumAge().plusDays(1)));

    long removed = aYearLater.removeReceivedBefore(cutoff);

    assertThat(removed).isGreaterThanOrEqualTo(3);
    assertThat(
            jdbc.sql("SELECT count(*) FROM audit_entry WHERE owner_id = :o")
                .param("o", owner)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(
            jdbc.sql(
                    """
            SELECT count(*) FROM audit_entry
            WHERE event_type = 'io.mcpmanager.audit.retention-applied' AND actor_kind = 'SYSTEM'
              AND (changes -> 'removed_count' ->> 'after')::bigint = :removed""")
                .param("removed", removed)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(aYearLater.removeReceivedBefore(cutoff)).as("nothing left to remove").isZero();
    mvc.perform(get("/api/audit/verify").header("Authorization", "Bearer " + ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.intact").value(true))
        .andExpect(jsonPath("$.checked").value(greaterThanOrEqualTo(2)));
  }

  @Test
  void shouldRefuseACutoffYoungerThanTheMinimumAge() {
    String owner = AuditEventMother.newUser("gina");
    trail.append(List.of(AuditEventMother.entry(owner)));
    Instant now = jdbc.sql("SELECT clock_timestamp()").query(Instant.class).single();

    assertThatThrownBy(() -> retention.removeReceivedBefore(now))
        .isInstanceOf(RetentionRefusedException.class)
        .hasMessageContaining("younger than the minimum age of 365 days");
    assertThat(ownersEntries(owner)).isEqualTo(1);
  }

  @Test
  void shouldDeleteNothingWhenTheConfiguredRetentionIsShorterThanTheMinimumAge() {
    String owner = AuditEventMother.newUser("hugo");
    trail.append(List.of(AuditEventMother.entry(owner)));
    long retentionEntries = retentionEntries();
    AuditProperties.Retention oneMillisecond =
        new AuditProperties.Retention(
            true, Duration.ofMillis(1), properties.retention().cron(), Duration.ofDays(30));

    retention(oneMillisecond, Clock.systemUTC()).applyConfiguredRetention();

    assertThat(ownersEntries(owner)).isEqualTo(1);
    assertThat(retentionEntries()).isEqualTo(retentionEntries);
  }

  private AuditRetention retention(AuditProperties.Retention settings, Clock clock) {
    return new AuditRetention(
        jdbc,
        new AuditProperties(properties.ingest(), settings, properties.checkpoint()),
        clock,
        new SimpleMeterRegistry());
  }

  private long ownersEntries(String owner) {
    return jdbc.sql("SELECT count(*) FROM audit_entry WHERE owner_id = :o")
        .param("o", owner)
        .query(Long.class)
        .single();
  }

  private long retentionEntries() {
    return jdbc.sql(
            "SELECT count(*) FROM audit_entry WHERE event_type = 'io.mcpmanager.audit.retention-applied'")
        .query(Long.class)
        .single();
  }
}
