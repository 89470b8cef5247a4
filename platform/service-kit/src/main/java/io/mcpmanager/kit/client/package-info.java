@NullMarked
package io.mcpmanager.kit.client;

import org.jspecify.annotations.NullMarked;
