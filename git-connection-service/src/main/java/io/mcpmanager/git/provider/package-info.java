@NullMarked
package io.mcpmanager.git.provider;

import org.jspecify.annotations.NullMarked;
