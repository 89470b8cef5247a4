@NullMarked
package io.mcpmanager.tidy.billing;

import org.jspecify.annotations.NullMarked;
