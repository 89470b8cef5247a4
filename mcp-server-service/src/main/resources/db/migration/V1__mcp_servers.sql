-- MCP servers registered by users. The manager's signing keys live only in Vault Transit
-- (signing_key_name names the key there); no column ever holds private key material.
CREATE TABLE mcp_server (
    id                          uuid PRIMARY KEY,
    owner_id                    varchar(64)   NOT NULL,
    name                        varchar(120)  NOT NULL,
    url                         varchar(2048) NOT NULL,
    tls_certificate             text,
    tls_certificate_expires_at  timestamptz,
    server_public_key           text,
    server_public_key_algorithm varchar(16),
    config                      jsonb         NOT NULL DEFAULT '{}'::jsonb,
    status                      varchar(16)   NOT NULL,
    error_type                  varchar(32),
    error_message               varchar(1000),
    server_name                 varchar(200),
    server_version              varchar(100),
    protocol_version            varchar(40),
    capabilities                jsonb,
    tool_names                  jsonb,
    last_latency_ms             bigint,
    last_checked_at             timestamptz,
    last_seen_at                timestamptz,
    session_ciphertext          text CHECK (session_ciphertext IS NULL OR session_ciphertext LIKE 'vault:v%'),
    signing_key_name            varchar(200)  NOT NULL,
    key_version                 integer       NOT NULL,
    key_created_at              timestamptz   NOT NULL,
    retire_below_version        integer,
    retire_after                timestamptz,
    created_at                  timestamptz   NOT NULL,
    updated_at                  timestamptz   NOT NULL,
    version                     bigint        NOT NULL,
    CONSTRAINT mcp_server_status_ck CHECK (status IN ('active', 'inactive', 'error', 'connecting')),
    CONSTRAINT mcp_server_owner_name_uk UNIQUE (owner_id, name)
);
CREATE INDEX mcp_server_owner_idx ON mcp_server (owner_id, created_at);
CREATE INDEX mcp_server_retire_idx ON mcp_server (retire_after) WHERE retire_after IS NOT NULL;
CREATE INDEX mcp_server_key_age_idx ON mcp_server (key_created_at);

-- What a server may use: an integration type of its owner, or one of the owner's git connections.
CREATE TABLE mcp_integration (
    id                 uuid PRIMARY KEY,
    server_id          uuid         NOT NULL REFERENCES mcp_server (id) ON DELETE CASCADE,
    owner_id           varchar(64)  NOT NULL,
    integration_type   varchar(40),
    git_connection_id  varchar(64),
    enabled            boolean      NOT NULL,
    status             varchar(16)  NOT NULL,
    config             jsonb        NOT NULL DEFAULT '{}'::jsonb,
    credentials_valid  boolean,
    last_sync_at       timestamptz,
    error_message      varchar(1000),
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL,
    version            bigint       NOT NULL,
    CONSTRAINT mcp_integration_target_ck
        CHECK ((integration_type IS NULL) <> (git_connection_id IS NULL)),
    CONSTRAINT mcp_integration_status_ck CHECK (status IN ('active', 'inactive', 'error', 'connecting'))
);
CREATE UNIQUE INDEX mcp_integration_type_uk ON mcp_integration (server_id, integration_type)
    WHERE integration_type IS NOT NULL;
CREATE UNIQUE INDEX mcp_integration_git_uk ON mcp_integration (server_id, git_connection_id)
    WHERE git_connection_id IS NOT NULL;

-- Single-use ids of server-signed broker tokens; a row lives until the token expires.
CREATE TABLE broker_jti (
    server_id   uuid         NOT NULL,
    jti         varchar(200) NOT NULL,
    expires_at  timestamptz  NOT NULL,
    PRIMARY KEY (server_id, jti)
);
CREATE INDEX broker_jti_expiry_idx ON broker_jti (expires_at);
