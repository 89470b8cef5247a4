@NullMarked
package io.mcpmanager.integration.provider;

import org.jspecify.annotations.NullMarked;
