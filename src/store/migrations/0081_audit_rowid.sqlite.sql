-- An audit record's seq becomes SQLite's rowid (DECISIONS 230): declared BIGINT PRIMARY KEY it
-- was a separate unique index beside the table's own b-tree, one more page written to the WAL
-- at every commit that audits. The table is rebuilt with the same columns and values (seq,
-- the text hashed and the hashes untouched: `kfq audit verify` gives the same head), and its
-- indexes and append-only triggers (0001, 0002) made again. DROP TABLE fires no DELETE
-- trigger; no foreign key, view or trigger of another table names audit_log.
CREATE TABLE audit_log_rowid (
	seq INTEGER PRIMARY KEY,
	time TEXT NOT NULL,
	user_id BIGINT,
	username TEXT,
	org_id BIGINT,
	client_addr TEXT NOT NULL,
	action TEXT NOT NULL,
	entity_type TEXT NOT NULL,
	entity_id TEXT,
	before_json TEXT,
	after_json TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL,
	canon TEXT NOT NULL
);
INSERT INTO audit_log_rowid (seq, time, user_id, username, org_id, client_addr, action,
	entity_type, entity_id, before_json, after_json, prev_hash, hash, canon)
SELECT seq, time, user_id, username, org_id, client_addr, action, entity_type, entity_id,
	before_json, after_json, prev_hash, hash, canon FROM audit_log ORDER BY seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_rowid RENAME TO audit_log;
CREATE INDEX audit_log_time ON audit_log(time);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
CREATE INDEX audit_log_user ON audit_log(user_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_at_head BEFORE INSERT ON audit_log
WHEN NEW.seq <> (SELECT seq FROM audit_head WHERE id = 1) + 1
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
