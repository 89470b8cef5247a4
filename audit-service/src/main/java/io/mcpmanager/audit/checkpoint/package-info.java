@NullMarked
package io.mcpmanager.audit.checkpoint;

import org.jspecify.annotations.NullMarked;
