package io.mcpmanager.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTests {

  @Test
  void shouldNameEachProducersTopicAfterTheProducer() {
    assertThat(Topics.eventsOf("integration-service")).isEqualTo(Topics.INTEGRATION_SERVICE_EVENTS);
    assertThat(Topics.producerOf(Topics.AUTH_SERVER_EVENTS)).contains("auth-server");
    assertThat(Topics.producers())
        .containsEntry("mcpm.events.git-connection-service", "git-connection-service")
        .hasSize(Topics.EVENT_TOPICS.size());
  }

  @Test
  void shouldKnowNoProducerOfTopicsOutsideTheEventsFamily() {
    assertThat(Topics.producerOf(Topics.DEAD_LETTERS)).isEmpty();
    assertThat(Topics.producerOf(Topics.AUDIT_CHECKPOINTS)).isEmpty();
    assertThat(Topics.producerOf(Topics.EVENTS_PREFIX)).isEmpty();
    assertThat(Topics.EVENT_TOPICS).allMatch(t -> t.startsWith(Topics.EVENTS_PREFIX));
  }
}
