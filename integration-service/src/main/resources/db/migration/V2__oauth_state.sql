-- Single-use OAuth authorization states of the shared oauth-client module (io.mcpmanager.oauth.OAuthStates).
-- A copy of its V0_1__oauth_state.sql rather than its Flyway location: databases already at V1 would
-- otherwise refuse the lower, out-of-order version. No secret is stored: the PKCE verifier is derived
-- from the id with the state signing key.
CREATE TABLE oauth_state (
    id           varchar(64)  PRIMARY KEY,
    user_id      varchar(255) NOT NULL,
    provider     varchar(64)  NOT NULL,
    redirect_uri text         NOT NULL,
    return_url   text,
    scopes       text         NOT NULL DEFAULT '',
    expires_at   timestamptz  NOT NULL,
    created_at   timestamptz  NOT NULL
);
CREATE INDEX oauth_state_expires_at_idx ON oauth_state (expires_at);
