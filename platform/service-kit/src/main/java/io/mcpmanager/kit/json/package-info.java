@NullMarked
package io.mcpmanager.kit.json;

import org.jspecify.annotations.NullMarked;
