@NullMarked
package io.mcpmanager.gateway;

import org.jspecify.annotations.NullMarked;
