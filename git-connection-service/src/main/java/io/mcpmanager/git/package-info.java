@NullMarked
package io.mcpmanager.git;

import org.jspecify.annotations.NullMarked;
