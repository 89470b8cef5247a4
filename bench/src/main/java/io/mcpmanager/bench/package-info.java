@NullMarked
package io.mcpmanager.bench;

import org.jspecify.annotations.NullMarked;
