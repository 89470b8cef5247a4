@NullMarked
package io.mcpmanager.integration.ratelimit;

import org.jspecify.annotations.NullMarked;
