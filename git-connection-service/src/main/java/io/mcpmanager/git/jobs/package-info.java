@NullMarked
package io.mcpmanager.git.jobs;

import org.jspecify.annotations.NullMarked;
