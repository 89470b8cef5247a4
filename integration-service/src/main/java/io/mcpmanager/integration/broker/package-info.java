@NullMarked
package io.mcpmanager.integration.broker;

import org.jspecify.annotations.NullMarked;
