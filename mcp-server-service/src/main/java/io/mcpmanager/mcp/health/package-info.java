@NullMarked
package io.mcpmanager.mcp.health;

import org.jspecify.annotations.NullMarked;
