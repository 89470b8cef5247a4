@NullMarked
package io.mcpmanager.tidy.billing.invoice;

import org.jspecify.annotations.NullMarked;
