@NullMarked
package io.mcpmanager.integration.catalog;

import org.jspecify.annotations.NullMarked;
