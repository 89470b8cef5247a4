@NullMarked
package io.mcpmanager.tidy.config;

import org.jspecify.annotations.NullMarked;
