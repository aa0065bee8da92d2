-- The names lists and records show beside their rows (an organization's name, a task's article
-- and title) are kept by each connection of kfq instead of joined into every row (DECISIONS
-- 164). They are current while name_version.v is the value they were read with: any statement
-- that adds, renames or removes an organization or a task moves it, whatever writes it (kfq,
-- another server, psql). The value is random, not counted: a change rolled back, or a database
-- restored, would otherwise bring back a number a connection may have kept other names under.
-- The SQLite twin moves it per row (SQLite has no statement triggers).
CREATE TABLE name_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	v BIGINT NOT NULL
);
CREATE FUNCTION name_version_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE name_version SET v = floor((random() - 0.5) * 9.2e18)::BIGINT WHERE id = 1;
	RETURN NULL;
END $$;
INSERT INTO name_version (id, v) VALUES (1, floor((random() - 0.5) * 9.2e18)::BIGINT);
CREATE TRIGGER org_names AFTER INSERT OR DELETE OR UPDATE OF name ON org
FOR EACH STATEMENT EXECUTE FUNCTION name_version_move();
CREATE TRIGGER org_names_truncate AFTER TRUNCATE ON org
FOR EACH STATEMENT EXECUTE FUNCTION name_version_move();
CREATE TRIGGER task_names AFTER INSERT OR DELETE OR UPDATE OF article_number, title ON task
FOR EACH STATEMENT EXECUTE FUNCTION name_version_move();
CREATE TRIGGER task_names_truncate AFTER TRUNCATE ON task
FOR EACH STATEMENT EXECUTE FUNCTION name_version_move();
