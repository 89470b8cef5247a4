@NullMarked
package io.mcpmanager.git.config;

import org.jspecify.annotations.NullMarked;
