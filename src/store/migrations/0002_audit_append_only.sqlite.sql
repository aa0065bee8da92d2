-- The audit log is append-only: no UPDATE or DELETE through SQL either.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- INSERT OR REPLACE deletes the old row without firing DELETE triggers: refuse any insert
-- that does not extend the chain.
CREATE TRIGGER audit_log_append_at_head BEFORE INSERT ON audit_log
WHEN NEW.seq <> (SELECT seq FROM audit_head WHERE id = 1) + 1
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
