@NullMarked
package io.mcpmanager.audit.ingest;

import org.jspecify.annotations.NullMarked;
