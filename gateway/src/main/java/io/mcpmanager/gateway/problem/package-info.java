@NullMarked
package io.mcpmanager.gateway.problem;

import org.jspecify.annotations.NullMarked;
