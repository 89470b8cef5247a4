@NullMarked
package io.mcpmanager.integration.account;

import org.jspecify.annotations.NullMarked;
