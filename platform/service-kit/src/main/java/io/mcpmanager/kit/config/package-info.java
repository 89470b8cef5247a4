@NullMarked
package io.mcpmanager.kit.config;

import org.jspecify.annotations.NullMarked;
