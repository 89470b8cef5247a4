package io.mcpmanager.kit.secrets.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpmanager.kit.secrets.SecretCipher;
import io.mcpmanager.kit.secrets.SecretCipherException;
import io.mcpmanager.kit.secrets.TransitKeyVersions;
import io.mcpmanager.testsupport.OpenBaoServer;
import io.mcpmanager.testsupport.PostgresServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.vault.authentication.AppRoleAuthentication;
import org.springframework.vault.authentication.AppRoleAuthenticationOptions;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;

/**
 * The rewrap job against a real OpenBao and a real PostgreSQL: every ciphertext reaches the newest
 * key version even when a run crashes half-way, nothing is left undecryptable, and old versions are
 * retired only once no row needs them.
 */
class RewrapJobTests {

  // A server of its own: the job retires versions of the integration-service key, which other
  // tests of this JVM use on the shared server.
  private static final OpenBaoServer vault = OpenBaoServer.start();
  private static final VaultTemplate root =
      new VaultTemplate(
          VaultEndpoint.from(URI.create(vault.address())),
          new TokenAuthentication(vault.rootToken()));
  private static final String TABLE_SQL =
      "CREATE TABLE secret_note (id uuid PRIMARY KEY, owner_id varchar(100) NOT NULL,"
          + " secret text CHECK (secret IS NULL OR secret LIKE 'vault:v%'), version bigint NOT NULL)";

  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private JdbcClient jdbc;
  private JdbcCiphertextStore store;

  @BeforeEach
  void freshTable() {
    SimpleDriverDataSource dataSource =
        new SimpleDriverDataSource(
            new Driver(), PostgresServer.newDatabase("rewrap"), "postgres", "");
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql(TABLE_SQL).update();
    store =
        JdbcCiphertextStore.of(jdbc, "secret_note", "secret")
            .ownedBy("owner_id")
            .versioned("version");
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  @Test
  void shouldMoveEveryCiphertextToTheNewestVersionAcrossACrashAndThenRetireTheOldOnes() {
    // The service's own AppRole with its shipped policy: the job needs nothing more than it grants.
    VaultTemplate service = appRole("integration-service");
    SecretCipher cipher = new SecretCipher(service.opsForTransit("transit"), "integration-service");
    TransitKeyVersions key = new TransitKeyVersions(service, "transit", "integration-service");
    Map<UUID, String> plaintexts = new LinkedHashMap<>();
    storeSecrets(cipher, 25, plaintexts);
    String retiredCiphertext =
        jdbc.sql("SELECT secret FROM secret_note LIMIT 1").query(String.class).single();
    cipher.rotateKey();
    storeSecrets(cipher, 10, plaintexts);
    cipher.rotateKey();
    assertThat(store.countByKeyVersion()).isEqualTo(Map.of(1, 25L, 2, 10L));

    CrashingStore crashing = new CrashingStore(store, 12);
    RewrapJob crashingRun =
        new RewrapJob(
            cipher,
            key,
            List.of(crashing),
            properties(Duration.ZERO),
            new SimpleMeterRegistry(),
            Clock.systemUTC());
    assertThatThrownBy(crashingRun::run).hasMessage("crashed after 12 rows");

    assertThat(store.countByKeyVersion())
        .as("the crash left some rows done, the rest as they were")
        .containsEntry(3, 12L)
        .hasSize(3);
    assertThat(key.read().orElseThrow().minDecryptionVersion()).isEqualTo(1);
    assertEveryRowDecrypts(cipher, plaintexts);

    RewrapJob rerun = job(cipher, key, store, Duration.ZERO);
    RewrapJob.Outcome outcome = rerun.run();

    assertThat(outcome.rewrapped()).as("only what the crashed run left").isEqualTo(23);
    assertThat(outcome.retired()).isTrue();
    assertThat(store.countByKeyVersion()).isEqualTo(Map.of(3, 35L));
    assertEveryRowDecrypts(cipher, plaintexts);
    TransitKeyVersions.State state = key.read().orElseThrow();
    assertThat(state.minDecryptionVersion()).isEqualTo(3);
    assertThat(state.autoRotatePeriod()).isEqualTo(Duration.ofDays(30));
    UUID firstId = plaintexts.keySet().iterator().next();
    assertThatThrownBy(() -> cipher.decrypt(owner(firstId), retiredCiphertext))
        .as("Vault refuses a ciphertext of a retired version")
        .isInstanceOf(SecretCipherException.class);
    assertThat(
            metrics.get("mcpm.rewrap.remaining").tag("store", "secret_note.secret").gauge().value())
        .isZero();
    assertThat(metrics.get("mcpm.rewrap.rewrapped").counter().count()).isEqualTo(23);
    assertThat(metrics.get("mcpm.rewrap.key.version").tag("kind", "min-decryption").gauge().value())
        .isEqualTo(3);
    assertThat(rerun.run().rewrapped()).as("a run with nothing left does nothing").isZero();
  }

  @Test
  void shouldStopBetweenBatchesWhenInterruptedAndLetTheNextRunFinish() {
    SecretCipher cipher = rootCipher();
    TransitKeyVersions key = rootKey(cipher);
    Map<UUID, String> plaintexts = new LinkedHashMap<>();
    storeSecrets(cipher, 12, plaintexts);
    cipher.rotateKey();
    RotationProperties throttled =
        new RotationProperties(
            true,
            Duration.ofDays(30),
            Duration.ofHours(1),
            Duration.ZERO,
            5,
            Duration.ofMinutes(1),
            Duration.ZERO,
            Duration.ofHours(1));
    RewrapJob job =
        new RewrapJob(cipher, key, List.of(store), throttled, metrics, Clock.systemUTC());

    Thread.currentThread().interrupt(); // a shutdown arriving while the job pauses
    RewrapJob.Outcome cut;
    try {
      cut = job.run();
    } finally {
      Thread.interrupted();
    }

    assertThat(cut.rewrapped()).as("one batch, then the pause was interrupted").isEqualTo(5);
    assertThat(cut.retired()).isFalse();
    assertThat(store.countByKeyVersion()).isEqualTo(Map.of(1, 7L, 2, 5L));
    RewrapJob.Outcome next = job(cipher, key, store, Duration.ZERO).run();
    assertThat(next.rewrapped()).isEqualTo(7);
    assertThat(next.retired()).isTrue();
    assertEveryRowDecrypts(cipher, plaintexts);
  }

  @Test
  void shouldNotOverwriteAValueWrittenBetweenReadAndWrite() {
    SecretCipher cipher = rootCipher();
    TransitKeyVersions key = rootKey(cipher);
    Map<UUID, String> plaintexts = new LinkedHashMap<>();
    storeSecrets(cipher, 3, plaintexts);
    cipher.rotateKey();
    UUID raced = plaintexts.keySet().iterator().next();
    String usersValue = cipher.encrypt(owner(raced), "written by the user meanwhile");
    CiphertextStore racing =
        new Delegating(store) {
          @Override
          public boolean replace(CiphertextStore.StoredCiphertext stored, String rewrapped) {
            if (stored.id().equals(raced)) {
              jdbc.sql("UPDATE secret_note SET secret = ?, version = version + 1 WHERE id = ?")
                  .params(usersValue, raced)
                  .update();
            }
            return super.replace(stored, rewrapped);
          }
        };

    RewrapJob.Outcome outcome = job(cipher, key, racing, Duration.ZERO).run();

    assertThat(outcome.changed()).isEqualTo(1);
    assertThat(outcome.rewrapped()).isEqualTo(2);
    assertThat(
            jdbc.sql("SELECT secret FROM secret_note WHERE id = ?")
                .param(raced)
                .query(String.class)
                .single())
        .isEqualTo(usersValue);
    assertThat(
            jdbc.sql("SELECT version FROM secret_note WHERE id = ?")
                .param(raced)
                .query(Long.class)
                .single())
        .as("the user's write only")
        .isEqualTo(1);
    assertThat(jdbc.sql("SELECT sum(version) FROM secret_note").query(Long.class).single())
        .as(
            "each rewrap bumps the row's version, so a stale entity cannot write the old value back")
        .isEqualTo(3);
    assertThat(metrics.get("mcpm.rewrap.skipped").tag("reason", "changed").counter().count())
        .isEqualTo(1);
  }

  @Test
  void shouldKeepOldVersionsWhileARowVaultRefusesIsLeft() {
    SecretCipher cipher = rootCipher();
    TransitKeyVersions key = rootKey(cipher);
    storeSecrets(cipher, 2, new LinkedHashMap<>());
    UUID misfiled = UUID.randomUUID();
    jdbc.sql("INSERT INTO secret_note (id, owner_id, secret, version) VALUES (?, 'bob', ?, 0)")
        .params(misfiled, cipher.encrypt("alice", "alice's, filed under bob"))
        .update();
    cipher.rotateKey();

    RewrapJob.Outcome outcome = job(cipher, key, store, Duration.ZERO).run();

    assertThat(outcome.rewrapped()).isEqualTo(2);
    assertThat(outcome.refused()).isEqualTo(1);
    assertThat(outcome.retired()).isFalse();
    assertThat(key.read().orElseThrow().minDecryptionVersion()).isEqualTo(1);
    assertThat(store.countByKeyVersion()).isEqualTo(Map.of(1, 1L, 2, 2L));
  }

  @Test
  void shouldRetireNothingUntilTheNewestVersionHasSettled() {
    SecretCipher cipher = rootCipher();
    TransitKeyVersions key = rootKey(cipher);
    storeSecrets(cipher, 2, new LinkedHashMap<>());
    cipher.rotateKey();

    RewrapJob.Outcome outcome = job(cipher, key, store, Duration.ofMinutes(15)).run();

    assertThat(outcome.rewrapped()).isEqualTo(2);
    assertThat(outcome.retired())
        .as("a request may still commit a value encrypted just before the rotation")
        .isFalse();
    assertThat(key.read().orElseThrow().minDecryptionVersion()).isEqualTo(1);
  }

  @Test
  void shouldDoNothingForAKeyThatDoesNotExistYet() {
    SecretCipher cipher =
        new SecretCipher(root.opsForTransit("transit"), "absent-" + UUID.randomUUID());
    assertThat(job(cipher, rootKey(cipher), store, Duration.ZERO).run())
        .isEqualTo(RewrapJob.Outcome.NO_KEY);
  }

  private RewrapJob job(
      SecretCipher cipher, TransitKeyVersions key, CiphertextStore store, Duration settle) {
    return new RewrapJob(
        cipher, key, List.of(store), properties(settle), metrics, Clock.systemUTC());
  }

  private static RotationProperties properties(Duration settle) {
    return new RotationProperties(
        true,
        Duration.ofDays(30),
        Duration.ofHours(1),
        Duration.ZERO,
        5,
        Duration.ZERO,
        settle,
        Duration.ofHours(1));
  }

  private void storeSecrets(SecretCipher cipher, int count, Map<UUID, String> plaintexts) {
    for (int i = 0; i < count; i++) {
      UUID id = UUID.randomUUID();
      String plaintext = "token-" + UUID.randomUUID();
      jdbc.sql("INSERT INTO secret_note (id, owner_id, secret, version) VALUES (?, ?, ?, 0)")
          .params(id, owner(id), cipher.encrypt(owner(id), plaintext))
          .update();
      plaintexts.put(id, plaintext);
    }
  }

  private void assertEveryRowDecrypts(SecretCipher cipher, Map<UUID, String> plaintexts) {
    List<Map<String, Object>> rows =
        jdbc.sql("SELECT id, owner_id, secret FROM secret_note").query().listOfRows();
    assertThat(rows).hasSize(plaintexts.size());
    for (Map<String, Object> row : rows) {
      assertThat(cipher.decrypt((String) row.get("owner_id"), (String) row.get("secret")))
          .isEqualTo(plaintexts.get((UUID) row.get("id")));
    }
  }

  /** Five owners, so one batch carries several Transit contexts. */
  private static String owner(UUID id) {
    return "user-" + Math.floorMod(id.hashCode(), 5);
  }

  private static SecretCipher rootCipher() {
    SecretCipher cipher =
        new SecretCipher(root.opsForTransit("transit"), "rewrap-" + UUID.randomUUID());
    cipher.encrypt("setup", "creates the key");
    return cipher;
  }

  private static TransitKeyVersions rootKey(SecretCipher cipher) {
    return new TransitKeyVersions(root, "transit", cipher.keyName());
  }

  private static VaultTemplate appRole(String service) {
    OpenBaoServer.AppRoleLogin login = vault.appRoleLogin(service);
    VaultEndpoint endpoint = VaultEndpoint.from(URI.create(vault.address()));
    AppRoleAuthenticationOptions options =
        AppRoleAuthenticationOptions.builder()
            .roleId(AppRoleAuthenticationOptions.RoleId.provided(login.roleId()))
            .secretId(AppRoleAuthenticationOptions.SecretId.provided(login.secretId()))
            .build();
    return new VaultTemplate(
        endpoint,
        new AppRoleAuthentication(
            options,
            org.springframework.vault.client.VaultClients.createRestTemplate(
                endpoint, new org.springframework.http.client.SimpleClientHttpRequestFactory())));
  }

  /** Passes everything through; tests override what they disturb. */
  private static class Delegating implements CiphertextStore {
    private final CiphertextStore delegate;

    Delegating(CiphertextStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public Map<Integer, Long> countByKeyVersion() {
      return delegate.countByKeyVersion();
    }

    @Override
    public List<StoredCiphertext> nextBelow(int version, @Nullable Object afterId, int limit) {
      return delegate.nextBelow(version, afterId, limit);
    }

    @Override
    public boolean replace(StoredCiphertext stored, String rewrapped) {
      return delegate.replace(stored, rewrapped);
    }
  }

  /** The replica dies after a number of rows: the run ends with an exception mid-batch. */
  private static final class CrashingStore extends Delegating {
    private final AtomicInteger left;
    private final int after;

    CrashingStore(CiphertextStore delegate, int after) {
      super(delegate);
      this.left = new AtomicInteger(after);
      this.after = after;
    }

    @Override
    public boolean replace(StoredCiphertext stored, String rewrapped) {
      if (left.getAndDecrement() <= 0) {
        throw new IllegalStateException("crashed after " + after + " rows");
      }
      return super.replace(stored, rewrapped);
    }
  }
}
