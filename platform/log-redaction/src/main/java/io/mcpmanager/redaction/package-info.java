@NullMarked
package io.mcpmanager.redaction;

import org.jspecify.annotations.NullMarked;
