@NullMarked
package io.mcpmanager.auth;

import org.jspecify.annotations.NullMarked;
