@NullMarked
package io.mcpmanager.git.revocation;

import org.jspecify.annotations.NullMarked;
