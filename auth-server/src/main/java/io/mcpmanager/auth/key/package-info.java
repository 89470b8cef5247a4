@NullMarked
package io.mcpmanager.auth.key;

import org.jspecify.annotations.NullMarked;
