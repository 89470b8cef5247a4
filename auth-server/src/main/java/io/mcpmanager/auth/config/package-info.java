@NullMarked
package io.mcpmanager.auth.config;

import org.jspecify.annotations.NullMarked;
