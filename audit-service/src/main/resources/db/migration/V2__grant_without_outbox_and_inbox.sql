-- The platform dropped inbox_event (its V2), and this service records no events (mcpm.outbox.enabled=false),
-- so its role needs neither the inbox nor the outbox: the grant no longer names them (V1's version
-- would fail on the missing inbox_event).
CREATE OR REPLACE FUNCTION audit_grant_service_role(service_role name) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('REVOKE ALL ON audit_entry, audit_chain_head, audit_retention_anchor FROM %I', service_role);
  EXECUTE format('GRANT SELECT, INSERT ON audit_entry TO %I', service_role);
  EXECUTE format('GRANT SELECT ON audit_retention_anchor, audit_chain_head TO %I', service_role);
  EXECUTE format('GRANT EXECUTE ON FUNCTION audit_apply_retention(timestamptz, text) TO %I', service_role);
END
$$;
REVOKE ALL ON FUNCTION audit_grant_service_role(name) FROM PUBLIC;
