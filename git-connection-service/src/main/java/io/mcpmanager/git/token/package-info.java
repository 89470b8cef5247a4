@NullMarked
package io.mcpmanager.git.token;

import org.jspecify.annotations.NullMarked;
