@NullMarked
package io.mcpmanager.mcp.server;

import org.jspecify.annotations.NullMarked;
