@NullMarked
package io.mcpmanager.kit.outbox;

import org.jspecify.annotations.NullMarked;
