@NullMarked
package io.mcpmanager.tidy.order;

import org.jspecify.annotations.NullMarked;
