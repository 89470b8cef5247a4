@NullMarked
package io.mcpmanager.audit.query;

import org.jspecify.annotations.NullMarked;
