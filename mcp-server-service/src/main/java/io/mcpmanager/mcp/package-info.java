@NullMarked
package io.mcpmanager.mcp;

import org.jspecify.annotations.NullMarked;
