-- Single-use OAuth authorization states (io.mcpmanager.oauth.OAuthStates). Migrated by the platform's
-- Flyway strategy with its own history (oauth_client_schema_history) in every service that has this module.
-- No secret is stored here: the PKCE verifier is derived from the id with the state signing key.
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
