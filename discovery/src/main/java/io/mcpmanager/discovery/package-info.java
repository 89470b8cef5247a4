@NullMarked
package io.mcpmanager.discovery;

import org.jspecify.annotations.NullMarked;
