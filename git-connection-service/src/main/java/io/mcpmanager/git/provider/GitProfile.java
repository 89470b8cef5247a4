package io.mcpmanager.git.provider;

/** The account behind a token: a stable id, the login name, a primary email and an avatar. */
public record GitProfile(String externalUserId, String username, String email, String avatarUrl) {}
