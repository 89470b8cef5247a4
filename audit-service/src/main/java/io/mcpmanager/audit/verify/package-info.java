@NullMarked
package io.mcpmanager.audit.verify;

import org.jspecify.annotations.NullMarked;
