-- The audit trail: one append-only, hash-chained row per credential event.
-- See audit-service/README.md for the canonical form, the roles and the retention procedure.

CREATE TABLE audit_entry (
    seq              bigint      PRIMARY KEY,      -- position in the chain, assigned by the append trigger
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    source           text        NOT NULL,
    occurred_at      timestamptz NOT NULL,         -- CloudEvents time (producer clock)
    received_at      timestamptz NOT NULL,         -- when this service stored it (database clock)
    actor_kind       text,
    actor_id         text,
    actor_ip         text,
    actor_user_agent text,
    owner_id         text,
    entity_type      text,
    entity_id        text,
    action           text,
    outcome          text,
    changes          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    trace_id         text,
    prev_hash        char(64)    NOT NULL,
    hash             char(64)    NOT NULL,
    CONSTRAINT audit_entry_event_id_key UNIQUE (event_id)
);

-- Keyset pagination is on seq (newest first); each filter has an index ending in seq.
CREATE INDEX audit_entry_owner_idx   ON audit_entry (owner_id, seq);
CREATE INDEX audit_entry_actor_idx   ON audit_entry (actor_id, seq);
CREATE INDEX audit_entry_entity_idx  ON audit_entry (entity_type, entity_id, seq);
CREATE INDEX audit_entry_type_idx    ON audit_entry (event_type, seq);
CREATE INDEX audit_entry_occurred_idx ON audit_entry (occurred_at);
CREATE INDEX audit_entry_owner_occurred_idx ON audit_entry (owner_id, occurred_at);
CREATE INDEX audit_entry_received_idx ON audit_entry (received_at);

-- The tail of the chain: one row, locked FOR UPDATE by every append, so appends have one order.
CREATE TABLE audit_chain_head (
    id   boolean  PRIMARY KEY DEFAULT true CHECK (id),
    seq  bigint   NOT NULL,
    hash char(64) NOT NULL
);
INSERT INTO audit_chain_head (seq, hash) VALUES (0, repeat('0', 64));

-- What retention removed: the chain restarts after the removed prefix from last_removed_hash.
CREATE TABLE audit_retention_anchor (
    removed_through_seq bigint      PRIMARY KEY,
    last_removed_hash   char(64)    NOT NULL,
    removed_count       bigint      NOT NULL,
    cutoff              timestamptz NOT NULL,
    applied_at          timestamptz NOT NULL,
    anchor_seq          bigint      NOT NULL
);

-- Canonical form, version 1: the text of a jsonb array of the stored fields in this fixed order,
-- timestamps as UTC ISO-8601 with microseconds, changes as jsonb text (keys sorted by jsonb),
-- ending with the previous entry's hash. hash = lower-case hex SHA-256 of its UTF-8 bytes.
CREATE FUNCTION audit_canonical(e audit_entry) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
      1, e.seq, e.event_id::text, e.event_type, e.source,
      to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      to_char(e.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      e.actor_kind, e.actor_id, e.actor_ip, e.actor_user_agent, e.owner_id,
      e.entity_type, e.entity_id, e.action, e.outcome, e.changes, e.trace_id, e.prev_hash)::text
$$;

-- Appends: serialised on the head row; a second delivery of an event id is skipped (the row is
-- not inserted and the chain does not move); seq, received_at, prev_hash and hash are set here,
-- never by the caller. SECURITY DEFINER: the service role needs INSERT on audit_entry only.
CREATE FUNCTION audit_entry_append() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  head audit_chain_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit_chain_head FOR UPDATE;
  IF EXISTS (SELECT 1 FROM audit_entry WHERE event_id = NEW.event_id) THEN
    RETURN NULL;
  END IF;
  NEW.seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.received_at := clock_timestamp();
  NEW.changes := COALESCE(NEW.changes, '{}'::jsonb);
  NEW.hash := encode(sha256(convert_to(audit_canonical(NEW), 'UTF8')), 'hex');
  UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash;
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_entry_append BEFORE INSERT ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_append();

-- The trail is append-only: UPDATE, DELETE and TRUNCATE raise, for every role including the owner.
-- The one exception is audit_apply_retention(), which deletes a prefix with the flag set.
CREATE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('mcpm.audit.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_immutable BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_anchor_immutable BEFORE UPDATE OR DELETE ON audit_retention_anchor
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_anchor_no_truncate BEFORE TRUNCATE ON audit_retention_anchor
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Retention: removes the entries received before the cutoff (a prefix of the chain), records an
-- anchor with the last removed hash and appends an entry that says so. Returns the removed count
-- (0: nothing to do, no entry). The flag is transaction-local and set only here.
CREATE FUNCTION audit_apply_retention(cutoff timestamptz, actor text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  last_seq   bigint;
  last_hash  char(64);
  removed    bigint;
  anchor     bigint;
BEGIN
  PERFORM 1 FROM audit_chain_head FOR UPDATE;
  SELECT max(seq) INTO last_seq FROM audit_entry
    WHERE received_at < cutoff AND event_type <> 'io.mcpmanager.audit.retention-applied';
  IF last_seq IS NULL THEN
    RETURN 0;
  END IF;
  SELECT hash INTO last_hash FROM audit_entry WHERE seq = last_seq;
  PERFORM set_config('mcpm.audit.retention', 'on', true);
  DELETE FROM audit_entry WHERE seq <= last_seq;
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('mcpm.audit.retention', 'off', true);
  INSERT INTO audit_entry (event_id, event_type, source, occurred_at, actor_kind, actor_id,
      entity_type, entity_id, action, outcome, changes)
    VALUES (gen_random_uuid(), 'io.mcpmanager.audit.retention-applied', 'audit-service',
      clock_timestamp(), 'SYSTEM', actor, 'audit-trail', 'audit-trail', 'retention', 'success',
      jsonb_build_object(
        'removed_through_seq', jsonb_build_object('before', null, 'after', last_seq),
        'removed_count', jsonb_build_object('before', null, 'after', removed),
        'last_removed_hash', jsonb_build_object('before', null, 'after', last_hash),
        'cutoff', jsonb_build_object('before', null,
            'after', to_char(cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))))
    RETURNING seq INTO anchor;
  INSERT INTO audit_retention_anchor (removed_through_seq, last_removed_hash, removed_count, cutoff,
      applied_at, anchor_seq)
    VALUES (last_seq, last_hash, removed, cutoff, clock_timestamp(), anchor);
  RETURN removed;
END
$$;

-- Production: the service connects as its own non-owner role; Flyway migrates as the owner.
-- Run SELECT audit_grant_service_role('audit_service') as the owner after each migration.
CREATE FUNCTION audit_grant_service_role(service_role name) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('REVOKE ALL ON audit_entry, audit_chain_head, audit_retention_anchor FROM %I', service_role);
  EXECUTE format('GRANT SELECT, INSERT ON audit_entry TO %I', service_role);
  EXECUTE format('GRANT SELECT ON audit_retention_anchor, audit_chain_head TO %I', service_role);
  EXECUTE format('GRANT EXECUTE ON FUNCTION audit_apply_retention(timestamptz, text) TO %I', service_role);
  IF to_regclass('outbox_event') IS NOT NULL THEN
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON outbox_event TO %I', service_role);
    EXECUTE format('GRANT SELECT, INSERT ON inbox_event TO %I', service_role);
  END IF;
END
$$;
REVOKE ALL ON FUNCTION audit_apply_retention(timestamptz, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_grant_service_role(name) FROM PUBLIC;
