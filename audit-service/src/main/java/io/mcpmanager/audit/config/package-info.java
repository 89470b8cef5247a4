@NullMarked
package io.mcpmanager.audit.config;

import org.jspecify.annotations.NullMarked;
