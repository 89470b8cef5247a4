@NullMarked
package io.mcpmanager.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
