package io.mcpmanager.audit.checkpoint;

import io.mcpmanager.audit.config.AuditProperties;
import io.mcpmanager.kit.secrets.TransitSigner;
import io.mcpmanager.kit.secrets.TransitSigner.PublicKeyVersion;
import io.mcpmanager.kit.secrets.TransitSigner.SignatureValue;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs the chain head with the Transit key {@code mcpm.audit.checkpoint.key-name} (ed25519,
 * created non-exportable if missing), stores the checkpoint and publishes it to Kafka; an unchanged
 * head is not signed again.
 */
@Service
public class CheckpointSigning {

  private static final Logger log = LoggerFactory.getLogger(CheckpointSigning.class);

  private final JdbcClient jdbc;
  private final Checkpoints checkpoints;
  private final TransitSigner signer;
  private final AuditProperties.Checkpoint properties;
  private final Clock clock;
  private final CheckpointPublisher publisher;
  private final TransactionTemplate transaction;
  private volatile boolean keyEnsured;

  CheckpointSigning(
      JdbcClient jdbc,
      Checkpoints checkpoints,
      TransitSigner signer,
      AuditProperties properties,
      Clock clock,
      CheckpointPublisher publisher,
      PlatformTransactionManager transactions) {
    this.publisher = publisher;
    this.transaction = new TransactionTemplate(transactions);
    this.jdbc = jdbc;
    this.checkpoints = checkpoints;
    this.signer = signer;
    this.properties = properties.checkpoint();
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${mcpm.audit.checkpoint.interval}",
      initialDelayString = "${mcpm.audit.checkpoint.initial-delay}")
  public void checkpointOnSchedule() {
    if (properties.enabled()) {
      checkpoint();
    }
  }

  /**
   * Signs and stores the current head, then publishes it (after the commit); empty when the chain
   * is empty or the head is already signed.
   */
  public Optional<Checkpoint> checkpoint() {
    Optional<Checkpoint> stored =
        Objects.requireNonNull(transaction.execute(status -> signAndStore()));
    stored.ifPresent(publisher::publish);
    return stored;
  }

  private Optional<Checkpoint> signAndStore() {
    // Shared lock: no append moves the head while it is read and signed.
    Head head =
        jdbc.sql("SELECT seq, hash FROM audit_chain_head FOR SHARE")
            .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash")))
            .single();
    if (head.seq() == 0 || checkpoints.latest().map(c -> c.seq() == head.seq()).orElse(false)) {
      return Optional.empty();
    }
    String key = properties.keyName();
    ensureKey(key);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    int version = latestVersion(key);
    SignatureValue signature =
        signer.sign(key, Checkpoint.payload(head.seq(), head.hash(), now, key, version));
    if (signature.keyVersion()
        != version) { // rotated in between: sign again naming the version used
      version = signature.keyVersion();
      signature = signer.sign(key, Checkpoint.payload(head.seq(), head.hash(), now, key, version));
    }
    Checkpoint checkpoint =
        new Checkpoint(
            head.seq(), head.hash(), now, key, signature.keyVersion(), signature.bytes());
    checkpoints.store(checkpoint);
    log.info(
        "audit chain checkpoint signed at seq {} with {} v{}",
        head.seq(),
        key,
        checkpoint.keyVersion());
    return Optional.of(checkpoint);
  }

  /** The public halves of the signing key's versions (the private key never leaves Vault). */
  public List<PublicKeyVersion> publicKeys() {
    ensureKey(properties.keyName());
    return signer.publicKeys(properties.keyName());
  }

  public String keyName() {
    return properties.keyName();
  }

  /** A checker of checkpoint signatures with the key's current public keys. */
  public CheckpointSignatures signatures() {
    return CheckpointSignatures.of(properties.keyName(), publicKeys());
  }

  private int latestVersion(String key) {
    return signer.publicKeys(key).stream()
        .mapToInt(PublicKeyVersion::version)
        .max()
        .orElseThrow(() -> new IllegalStateException("signing key " + key + " has no version"));
  }

  private void ensureKey(String key) {
    if (!keyEnsured) {
      signer.createKey(key);
      keyEnsured = true;
    }
  }

  private record Head(long seq, String hash) {}
}
