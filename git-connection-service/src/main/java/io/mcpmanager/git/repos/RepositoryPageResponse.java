package io.mcpmanager.git.repos;

import java.util.List;

public record RepositoryPageResponse(
    List<GitRepositoryResponse> items, int page, int size, long total) {}
