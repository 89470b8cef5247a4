@NullMarked
package io.mcpmanager.integration.policy;

import org.jspecify.annotations.NullMarked;
