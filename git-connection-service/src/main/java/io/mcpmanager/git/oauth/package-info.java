@NullMarked
package io.mcpmanager.git.oauth;

import org.jspecify.annotations.NullMarked;
