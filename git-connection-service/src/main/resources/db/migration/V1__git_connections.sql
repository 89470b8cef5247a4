-- OAuth connections to GitHub / GitLab accounts. Tokens are Vault Transit ciphertext (vault:vN:...).
CREATE TABLE git_connection (
    id                      uuid         PRIMARY KEY,
    owner_id                varchar(255) NOT NULL,
    provider                varchar(32)  NOT NULL,
    external_user_id        varchar(255) NOT NULL,
    username                varchar(255),
    email                   varchar(320),
    avatar_url              text,
    access_token_enc        text         NOT NULL CHECK (access_token_enc LIKE 'vault:v%'),
    refresh_token_enc       text         CHECK (refresh_token_enc IS NULL OR refresh_token_enc LIKE 'vault:v%'),
    token_hint              varchar(16)  NOT NULL,
    scopes                  text         NOT NULL DEFAULT '',
    expires_at              timestamptz,
    refresh_token_expires_at timestamptz,
    status                  varchar(16)  NOT NULL CHECK (status IN ('active', 'inactive', 'error', 'expired')),
    status_reason           varchar(32),
    requires_reauth         boolean      NOT NULL DEFAULT false,
    refresh_failures        integer      NOT NULL DEFAULT 0,
    next_refresh_attempt_at timestamptz,
    last_refreshed_at       timestamptz,
    connected_at            timestamptz  NOT NULL,
    updated_at              timestamptz  NOT NULL,
    version                 bigint       NOT NULL,
    CONSTRAINT git_connection_account_uk UNIQUE (owner_id, provider, external_user_id)
);
CREATE INDEX git_connection_refresh_due_idx ON git_connection (expires_at)
    WHERE refresh_token_enc IS NOT NULL AND requires_reauth = false;

-- Remote revocations that failed at disconnect time; the ciphertext stays only until revoked.
CREATE TABLE pending_revocation (
    id               uuid         PRIMARY KEY,
    connection_id    uuid         NOT NULL,
    owner_id         varchar(255) NOT NULL,
    provider         varchar(32)  NOT NULL,
    access_token_enc text         NOT NULL CHECK (access_token_enc LIKE 'vault:v%'),
    attempts         integer      NOT NULL,
    last_error       varchar(255),
    next_attempt_at  timestamptz  NOT NULL,
    created_at       timestamptz  NOT NULL
);
CREATE INDEX pending_revocation_due_idx ON pending_revocation (next_attempt_at);

-- Repositories synced from a connection; removed_at marks those gone at the provider.
CREATE TABLE git_repository (
    id                  uuid         PRIMARY KEY,
    connection_id       uuid         NOT NULL REFERENCES git_connection (id) ON DELETE CASCADE,
    owner_id            varchar(255) NOT NULL,
    provider            varchar(32)  NOT NULL,
    provider_repo_id    varchar(64)  NOT NULL,
    full_name           varchar(512) NOT NULL,
    visibility          varchar(16)  NOT NULL,
    default_branch      varchar(255),
    clone_url_https     text,
    clone_url_ssh       text,
    can_admin           boolean      NOT NULL,
    can_push            boolean      NOT NULL,
    can_pull            boolean      NOT NULL,
    archived            boolean      NOT NULL,
    provider_updated_at timestamptz,
    last_sync_id        uuid         NOT NULL,
    synced_at           timestamptz  NOT NULL,
    removed_at          timestamptz,
    CONSTRAINT git_repository_provider_uk UNIQUE (connection_id, provider_repo_id)
);
CREATE INDEX git_repository_owner_idx ON git_repository (owner_id, provider, full_name);

-- One row per sync run; at most one running per connection.
CREATE TABLE repository_sync (
    id            uuid         PRIMARY KEY,
    connection_id uuid         NOT NULL REFERENCES git_connection (id) ON DELETE CASCADE,
    owner_id      varchar(255) NOT NULL,
    provider      varchar(32)  NOT NULL,
    status        varchar(16)  NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    pages         integer      NOT NULL DEFAULT 0,
    repositories  integer      NOT NULL DEFAULT 0,
    removed       integer      NOT NULL DEFAULT 0,
    rate_limit_waits integer   NOT NULL DEFAULT 0,
    error         varchar(64),
    started_at    timestamptz  NOT NULL,
    finished_at   timestamptz,
    version       bigint       NOT NULL
);
CREATE UNIQUE INDEX repository_sync_one_running_uk ON repository_sync (connection_id) WHERE status = 'running';
CREATE INDEX repository_sync_connection_idx ON repository_sync (connection_id, started_at DESC);
