@NullMarked
package io.mcpmanager.audit.trail;

import org.jspecify.annotations.NullMarked;
