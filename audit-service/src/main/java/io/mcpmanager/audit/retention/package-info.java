@NullMarked
package io.mcpmanager.audit.retention;

import org.jspecify.annotations.NullMarked;
