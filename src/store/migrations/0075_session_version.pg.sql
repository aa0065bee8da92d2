-- A session a connection of kfq keeps is confirmed, at each request, by reading this one row
-- (with the audit head) instead of the session's row joined with its user and organization
-- (DECISIONS 191): it is the same while nothing a session shows or allows has changed. Any
-- statement that removes or rewrites a session (but for its last_seen), changes or removes an
-- account, or renames an organization moves it, whatever writes it (kfq, another server,
-- psql). Random, not counted, as name_version (0068): a change rolled back or a database
-- restored must not bring back a value a connection has kept other sessions under. The SQLite
-- twin moves it per row (SQLite has no statement triggers).
CREATE TABLE session_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	v BIGINT NOT NULL
);
CREATE FUNCTION session_version_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE session_version SET v = floor((random() - 0.5) * 9.2e18)::BIGINT WHERE id = 1;
	RETURN NULL;
END $$;
INSERT INTO session_version (id, v) VALUES (1, floor((random() - 0.5) * 9.2e18)::BIGINT);
CREATE TRIGGER session_rows AFTER DELETE OR UPDATE OF token_hash, user_id, csrf_token ON session
FOR EACH STATEMENT EXECUTE FUNCTION session_version_move();
CREATE TRIGGER session_truncate AFTER TRUNCATE ON session
FOR EACH STATEMENT EXECUTE FUNCTION session_version_move();
CREATE TRIGGER app_user_sessions AFTER UPDATE OR DELETE ON app_user
FOR EACH STATEMENT EXECUTE FUNCTION session_version_move();
CREATE TRIGGER app_user_sessions_truncate AFTER TRUNCATE ON app_user
FOR EACH STATEMENT EXECUTE FUNCTION session_version_move();
CREATE TRIGGER org_sessions AFTER UPDATE OF name ON org
FOR EACH STATEMENT EXECUTE FUNCTION session_version_move();
