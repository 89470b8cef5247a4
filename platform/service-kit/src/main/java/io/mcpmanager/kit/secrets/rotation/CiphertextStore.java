package io.mcpmanager.kit.secrets.rotation;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One database column that holds Transit ciphertexts of the service's key, as the {@link RewrapJob}
 * sees it. Every such column of a service needs a store: the job retires old key versions once all
 * stores report none left, so a column without a store would be orphaned. {@link
 * JdbcCiphertextStore} is the usual implementation.
 */
public interface CiphertextStore {

  /** Names the column in metrics and logs, e.g. {@code integration_account.credential}. */
  String name();

  /** Stored ciphertexts (nulls not counted) by the key version that made them. */
  Map<Integer, Long> countByKeyVersion();

  /**
   * Up to {@code limit} rows whose ciphertext is of a version below {@code version}, in a stable
   * order of their ids, starting after {@code afterId} (null: from the first).
   */
  List<StoredCiphertext> nextBelow(int version, @Nullable Object afterId, int limit);

  /**
   * Replaces the row's ciphertext with {@code rewrapped} only if it still holds the value that was
   * read (compare-and-set): a value a user wrote meanwhile is never overwritten.
   *
   * @return whether the row was changed
   */
  boolean replace(StoredCiphertext stored, String rewrapped);

  /**
   * @param id the row's key as the database returned it, handed back unchanged
   * @param ownerId the Transit context the ciphertext was made with
   */
  record StoredCiphertext(Object id, String ownerId, String ciphertext) {}
}
