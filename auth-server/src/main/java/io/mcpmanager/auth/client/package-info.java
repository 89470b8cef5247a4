@NullMarked
package io.mcpmanager.auth.client;

import org.jspecify.annotations.NullMarked;
