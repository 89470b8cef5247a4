@NullMarked
package io.mcpmanager.gateway.upstream;

import org.jspecify.annotations.NullMarked;
