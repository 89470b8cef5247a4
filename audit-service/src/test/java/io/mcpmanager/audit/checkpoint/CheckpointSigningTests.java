package io.mcpmanager.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mcpmanager.audit.testdata.AuditEventMother;
import io.mcpmanager.audit.trail.AuditTrail;
import io.mcpmanager.testsupport.ServiceTest;
import io.mcpmanager.testsupport.TestJwtIssuer;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chain head is signed with a Transit key whose public half anyone with the API can check
 * against.
 */
@ServiceTest
class CheckpointSigningTests {

  private static final String ADMIN = TestJwtIssuer.shared().adminToken("auditor-1");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired AuditTrail trail;
  @Autowired CheckpointSigning signing;
  @Autowired JdbcClient jdbc;
  @Autowired MockMvc mvc;
  @Autowired KafkaTemplate<String, String> kafka;

  @Test
  void shouldSignTheHeadAndServeItNewestFirstWithAPublicKeyThatVerifiesIt() throws Exception {
    String owner = AuditEventMother.newUser("ivy");
    trail.append(IntStream.range(0, 2).mapToObj(i -> AuditEventMother.entry(owner)).toList());
    signing.checkpoint();
    trail.append(List.of(AuditEventMother.entry(owner)));
    Checkpoint signed = signing.checkpoint().orElseThrow();
    String[] head =
        jdbc.sql("SELECT seq || ' ' || hash FROM audit_chain_head")
            .query(String.class)
            .single()
            .split(" ");

    assertThat(signed.seq()).isEqualTo(Long.parseLong(head[0]));
    assertThat(signed.hash()).isEqualTo(head[1]);
    assertThat(signed.keyName()).isEqualTo("audit-checkpoint");
    assertThat(new String(signed.payload(), StandardCharsets.UTF_8))
        .startsWith(
            "mcpm-audit-checkpoint/1\nseq=" + signed.seq() + "\nhash=" + signed.hash() + "\n");

    JsonNode page =
        JSON.readTree(
            mvc.perform(
                    get("/api/audit/checkpoints")
                        .param("limit", "2")
                        .header("Authorization", "Bearer " + ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    JsonNode newest = page.path("checkpoints").get(0);
    assertThat(newest.path("seq").asLong()).isEqualTo(signed.seq());
    assertThat(page.path("checkpoints").get(1).path("seq").asLong()).isLessThan(signed.seq());
    assertThat(page.path("next_before_seq").asLong())
        .isEqualTo(page.path("checkpoints").get(1).path("seq").asLong());

    JsonNode jwks =
        JSON.readTree(
            mvc.perform(
                    get("/api/audit/checkpoints/public-key")
                        .header("Authorization", "Bearer " + ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    JsonNode jwk = jwks.path("keys").get(jwks.path("keys").size() - 1);
    assertThat(jwk.path("kid").asString())
        .isEqualTo("audit-checkpoint:v" + newest.path("key_version").asInt());
    assertThat(jwk.path("crv").asString()).isEqualTo("Ed25519");
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(
        CheckpointSignatures.publicKey(Base64.getUrlDecoder().decode(jwk.path("x").asString())));
    ed25519.update(Base64.getDecoder().decode(newest.path("payload").asString()));
    assertThat(ed25519.verify(Base64.getDecoder().decode(newest.path("signature").asString())))
        .as("the served signature verifies with the served public key")
        .isTrue();
  }

  @Test
  void shouldPublishEachStoredCheckpointToItsTopic() throws Exception {
    trail.append(List.of(AuditEventMother.entry(AuditEventMother.newUser("lars"))));
    Checkpoint signed = signing.checkpoint().orElseThrow();

    // The broker this context's producer uses (a second test context starts another embedded
    // broker).
    Object bootstrapServers =
        kafka
            .getProducerFactory()
            .getConfigurationProperties()
            .get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "checkpoint-reader-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<String> published = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("mcpm.audit.checkpoints"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (Long.toString(signed.seq()).equals(r.key())) {
                            published.add(r.value());
                          }
                        });
                return !published.isEmpty();
              });
    }
    JsonNode message = JSON.readTree(published.getFirst());
    assertThat(message.path("hash").asString()).isEqualTo(signed.hash());
    assertThat(message.path("key_version").asInt()).isEqualTo(signed.keyVersion());
    assertThat(Base64.getDecoder().decode(message.path("signature").asString()))
        .isEqualTo(signed.signature());
  }

  @Test
  void shouldNotSignAnUnchangedHeadAgain() {
    trail.append(List.of(AuditEventMother.entry(AuditEventMother.newUser("jack"))));
    assertThat(signing.checkpoint()).isPresent();

    assertThat(signing.checkpoint()).isEmpty();
  }

  @Test
  void shouldServeCheckpointsToAdminsOnly() throws Exception {
    String user = TestJwtIssuer.shared().userToken("kim");
    mvc.perform(get("/api/audit/checkpoints").header("Authorization", "Bearer " + user))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/audit/checkpoints/public-key").header("Authorization", "Bearer " + user))
        .andExpect(status().isForbidden());
    mvc.perform(
            get("/api/audit/checkpoints")
                .param("limit", "0")
                .header("Authorization", "Bearer " + ADMIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.status").value(400));
  }
}
