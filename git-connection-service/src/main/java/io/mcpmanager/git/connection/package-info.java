@NullMarked
package io.mcpmanager.git.connection;

import org.jspecify.annotations.NullMarked;
