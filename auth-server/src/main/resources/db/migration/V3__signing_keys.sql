-- RSA signing keys. The private key is Vault Transit ciphertext ("vault:vN:..."); the public half is a JWK.
-- The newest key without retired_at signs; retired keys stay in the JWKS until remove_after.
CREATE TABLE signing_key (
    kid                    varchar(64)  PRIMARY KEY,
    public_jwk             text         NOT NULL,
    private_jwk_ciphertext text         NOT NULL,
    created_at             timestamptz  NOT NULL,
    retired_at             timestamptz,
    remove_after           timestamptz
);
