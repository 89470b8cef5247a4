@NullMarked
package io.mcpmanager.kit.security;

import org.jspecify.annotations.NullMarked;
