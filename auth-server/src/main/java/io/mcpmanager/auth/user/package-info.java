@NullMarked
package io.mcpmanager.auth.user;

import org.jspecify.annotations.NullMarked;
