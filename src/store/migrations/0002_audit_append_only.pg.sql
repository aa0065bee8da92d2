-- The audit log is append-only: no UPDATE or DELETE through SQL either.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- Only inserts that extend the chain, and no TRUNCATE.
CREATE FUNCTION audit_log_append_at_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.seq <> (SELECT seq FROM audit_head WHERE id = 1) + 1 THEN
		RAISE EXCEPTION 'audit_log is append-only';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER audit_log_append_at_head BEFORE INSERT ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_at_head();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
