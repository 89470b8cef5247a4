@NullMarked
package io.mcpmanager.testsupport;

import org.jspecify.annotations.NullMarked;
