@NullMarked
package io.mcpmanager.git.repos;

import org.jspecify.annotations.NullMarked;
