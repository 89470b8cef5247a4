@NullMarked
package io.mcpmanager.integration;

import org.jspecify.annotations.NullMarked;
