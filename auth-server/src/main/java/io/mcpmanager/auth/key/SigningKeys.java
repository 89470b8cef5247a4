package io.mcpmanager.auth.key;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The key set this server signs with and publishes at {@code /oauth2/jwks}: every key not yet
 * removed, and the newest active one as signing key. Each replica reloads it periodically (so a
 * rotation on one replica reaches the others) and decrypts only keys it has not seen before.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

  private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

  private final SigningKeyStore store;
  private final Map<String, RSAKey> decrypted = new HashMap<>();

  /** Null until the first use loads it. */
  private volatile @Nullable Snapshot snapshot;

  SigningKeys(SigningKeyStore store) {
    this.store = store;
  }

  private record Snapshot(JWKSet keys, String signingKid) {}

  @Override
  public List<JWK> get(JWKSelector selector, SecurityContext context) {
    return selector.select(snapshot().keys());
  }

  /** The key id new tokens are signed with. */
  public String signingKid() {
    return snapshot().signingKid();
  }

  /** Picks the signing key when the encoder finds several candidates. */
  public JWK signingKeyAmong(List<JWK> candidates) {
    String kid = signingKid();
    return candidates.stream()
        .filter(k -> kid.equals(k.getKeyID()))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("the signing key is not among the candidates"));
  }

  public SigningKeyResponse rotate() {
    SigningKey created = store.rotate();
    reload();
    log.info("signing key rotated, new kid {}", created.kid());
    return SigningKeyResponse.from(created);
  }

  public List<SigningKeyResponse> list() {
    return store.all().stream().map(SigningKeyResponse::from).toList();
  }

  @Scheduled(
      fixedDelayString = "${mcpm.auth.keys.refresh-interval:30s}",
      initialDelayString = "${mcpm.auth.keys.refresh-interval:30s}")
  public void refresh() {
    try {
      reload();
    } catch (RuntimeException e) {
      log.warn(
          "could not reload signing keys, keeping the current set: {}",
          e.getClass().getSimpleName());
    }
  }

  private Snapshot snapshot() {
    Snapshot current = snapshot;
    return current != null ? current : reload();
  }

  private synchronized Snapshot reload() {
    List<SigningKey> keys = store.loadOrCreate();
    List<SigningKey> unseen = keys.stream().filter(k -> !decrypted.containsKey(k.kid())).toList();
    if (!unseen.isEmpty()) {
      store.decrypt(unseen).forEach(key -> decrypted.put(key.getKeyID(), key));
    }
    decrypted.keySet().retainAll(keys.stream().map(SigningKey::kid).toList());
    List<JWK> published = new ArrayList<>();
    keys.forEach(k -> published.add(decrypted.get(k.kid())));
    String signingKid = keys.stream().filter(SigningKey::active).findFirst().orElseThrow().kid();
    Snapshot loaded = new Snapshot(new JWKSet(published), signingKid);
    snapshot = loaded;
    return loaded;
  }
}
