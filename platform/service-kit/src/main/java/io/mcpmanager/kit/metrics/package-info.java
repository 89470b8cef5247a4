@NullMarked
package io.mcpmanager.kit.metrics;

import org.jspecify.annotations.NullMarked;
