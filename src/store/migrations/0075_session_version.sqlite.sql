-- A session a connection of kfq keeps is confirmed, at each request, by reading this one row
-- (with the audit head) instead of the session's row joined with its user and organization
-- (DECISIONS 191): it is the same while nothing a session shows or allows has changed. Any
-- statement that removes or rewrites a session (but for its last_seen), changes or removes an
-- account, or renames an organization moves it, whatever writes it (kfq, another server, the
-- sqlite3 shell). Random, not counted, as name_version (0068): a change rolled back or a
-- database restored must not bring back a value a connection has kept other sessions under.
CREATE TABLE session_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	v BIGINT NOT NULL
);
INSERT INTO session_version (id, v) VALUES (1, random());
CREATE TRIGGER session_version_session_delete AFTER DELETE ON session
BEGIN UPDATE session_version SET v = random() WHERE id = 1; END;
CREATE TRIGGER session_version_session_update AFTER UPDATE OF token_hash, user_id, csrf_token ON session
BEGIN UPDATE session_version SET v = random() WHERE id = 1; END;
CREATE TRIGGER session_version_user_update AFTER UPDATE ON app_user
BEGIN UPDATE session_version SET v = random() WHERE id = 1; END;
CREATE TRIGGER session_version_user_delete AFTER DELETE ON app_user
BEGIN UPDATE session_version SET v = random() WHERE id = 1; END;
CREATE TRIGGER session_version_org_update AFTER UPDATE OF name ON org
BEGIN UPDATE session_version SET v = random() WHERE id = 1; END;
