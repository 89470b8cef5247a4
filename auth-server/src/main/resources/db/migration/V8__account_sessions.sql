-- What the account's session list shows about each authorization (a sign-in, a device-flow CLI, an
-- MCP client grant: one refresh-token family each) that Spring's oauth2_authorization does not keep.
-- Deleting the authorization (revocation, purge, disabling the user) deletes its row.
CREATE TABLE account_session (
    authorization_id VARCHAR(100) PRIMARY KEY REFERENCES oauth2_authorization (id) ON DELETE CASCADE,
    -- Null until a user is known (a device-flow request before the user confirms its code).
    user_id          UUID REFERENCES app_user (id) ON DELETE CASCADE,
    -- The client that started the sign-in (the browser, the CLI), never updated afterwards.
    ip               VARCHAR(64),
    user_agent       VARCHAR(256),
    -- When it was last seen is the authorization's access_token_issued_at (every sign-in and refresh).
    created_at       TIMESTAMPTZ  NOT NULL
);

-- The devices (user agent and address) each user has signed in from, to notice a new one. Kept when
-- the sessions are gone: a device is new only the first time.
CREATE TABLE known_device (
    user_id       UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    -- SHA-256 of user agent and address: a short, fixed-size key.
    fingerprint   VARCHAR(64)  NOT NULL,
    first_seen_at TIMESTAMPTZ  NOT NULL,
    last_seen_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, fingerprint)
);
