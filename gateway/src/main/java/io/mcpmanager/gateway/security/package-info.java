@NullMarked
package io.mcpmanager.gateway.security;

import org.jspecify.annotations.NullMarked;
