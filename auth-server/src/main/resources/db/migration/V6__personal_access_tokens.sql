-- Personal access tokens: only a keyed hash of the secret (Vault Transit HMAC) is stored.
CREATE TABLE personal_access_token (
    id                   UUID PRIMARY KEY,
    owner_id             UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    name                 VARCHAR(100) NOT NULL,
    secret_hash          VARCHAR(200) NOT NULL UNIQUE,
    -- The last four characters of the secret, to tell tokens apart in a list.
    secret_hint          VARCHAR(8)   NOT NULL,
    scopes               TEXT[]       NOT NULL,
    allowed_cidrs        TEXT[]       NOT NULL,
    created_at           TIMESTAMPTZ  NOT NULL,
    -- When the current secret was issued (creation or the last regeneration).
    issued_at            TIMESTAMPTZ  NOT NULL,
    expires_at           TIMESTAMPTZ  NOT NULL,
    last_used_at         TIMESTAMPTZ,
    last_used_ip         VARCHAR(64),
    last_used_user_agent VARCHAR(256),
    version              BIGINT       NOT NULL
);

CREATE INDEX personal_access_token_owner ON personal_access_token (owner_id, created_at);

-- Uses per token and UTC day, added up from the gateway's batches (never a row per request).
CREATE TABLE personal_access_token_use (
    token_id UUID   NOT NULL REFERENCES personal_access_token (id) ON DELETE CASCADE,
    day      DATE   NOT NULL,
    uses     BIGINT NOT NULL,
    PRIMARY KEY (token_id, day)
);
