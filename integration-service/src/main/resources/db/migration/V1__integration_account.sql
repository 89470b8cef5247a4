-- Integration accounts: one row per connected credential. Secrets are Vault Transit ciphertext only.
CREATE TABLE integration_account (
    id                             uuid         PRIMARY KEY,
    owner_id                       varchar(100) NOT NULL,
    type                           varchar(32)  NOT NULL,
    auth_method                    varchar(16)  NOT NULL,
    credential_ciphertext          text,
    refresh_token_ciphertext       text,
    credential_hint                varchar(16),
    credential_version             integer      NOT NULL,
    credential_created_at          timestamptz  NOT NULL,
    previous_credential_ciphertext text,
    previous_credential_hint       varchar(16),
    previous_credential_until      timestamptz,
    meta                           text         NOT NULL DEFAULT '{}',
    status                         varchar(16)  NOT NULL,
    status_reason                  varchar(40),
    last_validated_at              timestamptz,
    last_used_at                   timestamptz,
    expires_at                     timestamptz,
    scopes                         varchar(2000),
    next_validation_at             timestamptz,
    refresh_failures               integer      NOT NULL DEFAULT 0,
    next_refresh_at                timestamptz,
    expiry_warned_at               timestamptz,
    revoked_at                     timestamptz,
    created_at                     timestamptz  NOT NULL,
    updated_at                     timestamptz  NOT NULL,
    version                        bigint       NOT NULL,
    CONSTRAINT integration_account_status_check
        CHECK (status IN ('ACTIVE', 'INACTIVE', 'ERROR', 'EXPIRED', 'REVOKED')),
    CONSTRAINT integration_account_auth_method_check CHECK (auth_method IN ('API_TOKEN', 'OAUTH')),
    -- Defence in depth: a plaintext can never be written into a secret column.
    CONSTRAINT integration_account_credential_is_ciphertext
        CHECK (credential_ciphertext IS NULL OR credential_ciphertext LIKE 'vault:v%'),
    CONSTRAINT integration_account_refresh_is_ciphertext
        CHECK (refresh_token_ciphertext IS NULL OR refresh_token_ciphertext LIKE 'vault:v%'),
    CONSTRAINT integration_account_previous_is_ciphertext
        CHECK (previous_credential_ciphertext IS NULL OR previous_credential_ciphertext LIKE 'vault:v%'),
    CONSTRAINT integration_account_revoked_has_no_secret
        CHECK (status <> 'REVOKED' OR (credential_ciphertext IS NULL AND refresh_token_ciphertext IS NULL
                                       AND previous_credential_ciphertext IS NULL))
);

-- One live (active, or broken and awaiting a fix) integration per type per user, race-free.
CREATE UNIQUE INDEX integration_account_one_active_per_type
    ON integration_account (owner_id, type) WHERE status IN ('ACTIVE', 'ERROR', 'EXPIRED');
CREATE INDEX integration_account_owner_idx ON integration_account (owner_id, created_at DESC);
CREATE INDEX integration_account_validation_due_idx
    ON integration_account (next_validation_at) WHERE status IN ('ACTIVE', 'ERROR');
CREATE INDEX integration_account_refresh_due_idx
    ON integration_account (expires_at) WHERE auth_method = 'OAUTH' AND status = 'ACTIVE';

-- Failed validations per subject (user, credential) per hour, shared by all replicas.
CREATE TABLE validation_failure (
    subject      varchar(120) NOT NULL,
    window_start timestamptz  NOT NULL,
    failures     integer      NOT NULL,
    PRIMARY KEY (subject, window_start)
);
