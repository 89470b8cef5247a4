@NullMarked
package io.mcpmanager.oauth;

import org.jspecify.annotations.NullMarked;
