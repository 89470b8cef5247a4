@NullMarked
package io.mcpmanager.kit.secrets;

import org.jspecify.annotations.NullMarked;
