-- TOTP second factors (RFC 6238). The shared secret is encrypted by Vault Transit with the user's
-- derived key (column holds vault:vN:...). A row with confirmed_at NULL is an enrolment waiting for
-- its first code. last_used_step is the last accepted 30-second time step: a code of that step or
-- an earlier one is refused, so a code is good once. failed_attempts counts wrong codes in a row;
-- locked_until is set when they reach the limit.
CREATE TABLE mfa_totp (
    user_id           UUID PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    secret_ciphertext TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    confirmed_at      TIMESTAMPTZ,
    last_used_step    BIGINT      NOT NULL DEFAULT 0,
    failed_attempts   INT         NOT NULL DEFAULT 0,
    locked_until      TIMESTAMPTZ
);

-- One-time recovery codes, stored as SHA-256 hashes (the codes carry 80 random bits).
CREATE TABLE mfa_recovery_code (
    id         UUID PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    code_hash  TEXT        NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX mfa_recovery_code_user ON mfa_recovery_code (user_id);
