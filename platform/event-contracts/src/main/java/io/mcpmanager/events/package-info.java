@NullMarked
package io.mcpmanager.events;

import org.jspecify.annotations.NullMarked;
