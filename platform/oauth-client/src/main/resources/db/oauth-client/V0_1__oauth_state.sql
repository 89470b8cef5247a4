-- Single-use OAuth authorization states (io.mcpmanager.oauth.OAuthStates). Include this location in
-- spring.flyway.locations (classpath:db/oauth-client); V0_1 runs before a service's own V1.
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
