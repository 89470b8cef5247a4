@NullMarked
package io.mcpmanager.gateway.correlation;

import org.jspecify.annotations.NullMarked;
