@NullMarked
package io.mcpmanager.audit;

import org.jspecify.annotations.NullMarked;
