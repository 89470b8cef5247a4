@NullMarked
package io.mcpmanager.localstack;

import org.jspecify.annotations.NullMarked;
