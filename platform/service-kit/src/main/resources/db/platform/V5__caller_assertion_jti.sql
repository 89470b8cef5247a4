-- Ids of caller assertions already accepted (assertion.JdbcUsedAssertionIds): each is accepted once.
CREATE TABLE caller_assertion_jti (
    issuer     text        NOT NULL,
    jti        text        NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX caller_assertion_jti_expires_at ON caller_assertion_jti (expires_at);
