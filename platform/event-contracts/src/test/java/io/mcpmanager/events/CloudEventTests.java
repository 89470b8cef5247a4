package io.mcpmanager.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CloudEventTests {

  private static CredentialEventData data(String owner) {
    return new CredentialEventData(
        Actor.user(owner, "127.0.0.1", "test"),
        owner,
        "integration",
        "e-1",
        "create",
        CredentialEventData.Outcome.SUCCESS,
        null,
        "trace-1");
  }

  @Test
  void shouldKeyEventsByOwnerSoOneUsersEventsStayInOrder() {
    CloudEvent event =
        CloudEvent.of(
            "integration-service",
            EventTypes.INTEGRATION_CREATED,
            Instant.parse("2026-01-01T00:00:00Z"),
            data("user-7"));

    assertThat(event.partitionkey()).isEqualTo("user-7");
    assertThat(event.subject()).isEqualTo("e-1");
    assertThat(event.specversion()).isEqualTo("1.0");
    assertThat(event.data().changes()).isEmpty();
  }

  @Test
  void shouldGiveEveryEventItsOwnId() {
    Instant now = Instant.now();
    CloudEvent a = CloudEvent.of("s", EventTypes.GIT_CONNECTED, now, data("u"));
    CloudEvent b = CloudEvent.of("s", EventTypes.GIT_CONNECTED, now, data("u"));
    assertThat(a.id()).isNotEqualTo(b.id());
  }

  @Test
  void shouldRejectEnvelopeWithoutSourceOrWithWrongSpecVersion() {
    assertThatThrownBy(() -> CloudEvent.of(" ", EventTypes.GIT_CONNECTED, Instant.now(), data("u")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("source");
    assertThatThrownBy(
            () ->
                new CloudEvent(
                    "0.3",
                    java.util.UUID.randomUUID(),
                    "s",
                    "t",
                    null,
                    Instant.now(),
                    null,
                    null,
                    null))
        .hasMessageContaining("specversion");
  }

  @Test
  void shouldOnlyAcceptKebabCaseTypeNamesUnderTheProjectPrefix() {
    assertThat(EventTypes.INTEGRATION_TOKEN_ROTATED)
        .isEqualTo("io.mcpmanager.integration.token-rotated");
    assertThat(EventTypes.isWellFormed("io.mcpmanager.mcp-server.key-rotated")).isTrue();
    assertThat(EventTypes.isWellFormed("com.example.thing.done")).isFalse();
    assertThatThrownBy(() -> EventTypes.of("Integration", "Created"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
