@NullMarked
package io.mcpmanager.integration.config;

import org.jspecify.annotations.NullMarked;
