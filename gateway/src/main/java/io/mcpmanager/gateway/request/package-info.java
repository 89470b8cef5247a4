@NullMarked
package io.mcpmanager.gateway.request;

import org.jspecify.annotations.NullMarked;
