@NullMarked
package io.mcpmanager.auth.token;

import org.jspecify.annotations.NullMarked;
