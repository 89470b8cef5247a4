@NullMarked
package io.mcpmanager.kit.events;

import org.jspecify.annotations.NullMarked;
