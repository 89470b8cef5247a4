@NullMarked
package io.mcpmanager.auth.security;

import org.jspecify.annotations.NullMarked;
