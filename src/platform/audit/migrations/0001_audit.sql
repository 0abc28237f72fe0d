-- The append-only, hash-chained audit log. seq is assigned by the application under an advisory
-- lock (last seq + 1), not by a sequence: a sequence value consumed by a rolled-back transaction
-- would leave a gap that `verify` could not tell from a deleted entry.
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  ip text,
  action text NOT NULL,
  target text,
  status integer,
  detail jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);

CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_at ON audit_log (at);

-- Refuses UPDATE, DELETE and TRUNCATE for every role the application uses. A database superuser
-- (or the table owner) can still `ALTER TABLE audit_log DISABLE TRIGGER ...`; this trigger only
-- stops accidents and ordinary SQL. What detects a determined edit is the hash chain:
-- `ward audit verify` recomputes every hash and reports the first entry that does not match.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
