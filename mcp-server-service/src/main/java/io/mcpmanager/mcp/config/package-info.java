@NullMarked
package io.mcpmanager.mcp.config;

import org.jspecify.annotations.NullMarked;
