@NullMarked
package io.mcpmanager.mcp.integration;

import org.jspecify.annotations.NullMarked;
