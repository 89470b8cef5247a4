@NullMarked
package io.mcpmanager.auth.login;

import org.jspecify.annotations.NullMarked;
