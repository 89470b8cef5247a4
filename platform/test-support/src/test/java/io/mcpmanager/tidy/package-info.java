@NullMarked
package io.mcpmanager.tidy;

import org.jspecify.annotations.NullMarked;
