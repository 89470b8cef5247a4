@NullMarked
package io.mcpmanager.testsupport.architecture;

import org.jspecify.annotations.NullMarked;
