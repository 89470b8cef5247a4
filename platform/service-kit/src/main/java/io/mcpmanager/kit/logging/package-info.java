@NullMarked
package io.mcpmanager.kit.logging;

import org.jspecify.annotations.NullMarked;
