@NullMarked
package io.mcpmanager.mcp.keys;

import org.jspecify.annotations.NullMarked;
