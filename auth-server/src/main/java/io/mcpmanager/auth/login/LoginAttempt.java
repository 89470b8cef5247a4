package io.mcpmanager.auth.login;

import org.jspecify.annotations.Nullable;

/** Who tried to log in from where. Never holds the password. */
record LoginAttempt(String username, @Nullable String ip, @Nullable String userAgent) {}
