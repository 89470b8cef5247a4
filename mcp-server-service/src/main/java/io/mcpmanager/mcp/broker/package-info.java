@NullMarked
package io.mcpmanager.mcp.broker;

import org.jspecify.annotations.NullMarked;
