@NullMarked
package io.mcpmanager.integration.oauth;

import org.jspecify.annotations.NullMarked;
