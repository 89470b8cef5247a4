-- Signed checkpoints of the chain head: (seq, hash) signed with a Vault Transit ed25519 key that never
-- leaves Vault, so a database owner who rewrites the chain cannot make it match them.
CREATE TABLE audit_checkpoint (
    seq         bigint      PRIMARY KEY,          -- the head's seq when signed
    hash        char(64)    NOT NULL,             -- the head's hash when signed
    signed_at   timestamptz NOT NULL,
    key_name    text        NOT NULL,
    key_version integer     NOT NULL,
    signature   text        NOT NULL              -- base64 ed25519 signature of the payload (see README)
);

CREATE TRIGGER audit_checkpoint_immutable BEFORE UPDATE OR DELETE ON audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE OR REPLACE FUNCTION audit_grant_service_role(service_role name) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('REVOKE ALL ON audit_entry, audit_chain_head, audit_retention_anchor, audit_checkpoint FROM %I', service_role);
  EXECUTE format('GRANT SELECT, INSERT ON audit_entry, audit_checkpoint TO %I', service_role);
  EXECUTE format('GRANT SELECT ON audit_retention_anchor, audit_chain_head TO %I', service_role);
  EXECUTE format('GRANT EXECUTE ON FUNCTION audit_apply_retention(timestamptz, text) TO %I', service_role);
END
$$;
REVOKE ALL ON FUNCTION audit_grant_service_role(name) FROM PUBLIC;
