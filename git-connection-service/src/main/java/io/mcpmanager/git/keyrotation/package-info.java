/**
 * Key rotation: the columns that hold Transit ciphertexts of the service's key, for the service
 * kit's rewrap job ({@code io.mcpmanager.kit.secrets.rotation}).
 */
@NullMarked
package io.mcpmanager.git.keyrotation;

import org.jspecify.annotations.NullMarked;
