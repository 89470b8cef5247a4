package io.mcpmanager.auth.login;

/** Who tried to log in from where. Never holds the password. */
record LoginAttempt(String username, String ip, String userAgent) {}
