package io.mcpmanager.git.provider;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A repository as the provider lists it. */
public record RemoteRepository(
    String providerRepoId,
    String fullName,
    @Nullable String visibility,
    @Nullable String defaultBranch,
    @Nullable String cloneUrlHttps,
    @Nullable String cloneUrlSsh,
    boolean admin,
    boolean push,
    boolean pull,
    boolean archived,
    @Nullable Instant updatedAt) {}
