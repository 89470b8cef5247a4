@NullMarked
package io.mcpmanager.kit.error;

import org.jspecify.annotations.NullMarked;
