@NullMarked
package io.mcpmanager.auth.device;

import org.jspecify.annotations.NullMarked;
