/**
 * Key rotation that never orphans a secret: Vault rotates each service's Transit key on a schedule,
 * {@link io.mcpmanager.kit.secrets.rotation.RewrapJob} moves every stored ciphertext (one {@link
 * io.mcpmanager.kit.secrets.rotation.CiphertextStore} per column) to the newest key version and
 * only then raises the key's minimum decryption version.
 */
@NullMarked
package io.mcpmanager.kit.secrets.rotation;

import org.jspecify.annotations.NullMarked;
