-- The names lists and records show beside their rows (an organization's name, a task's article
-- and title) are kept by each connection of kfq instead of joined into every row (DECISIONS
-- 164). They are current while name_version.v is the value they were read with: any statement
-- that adds, renames or removes an organization or a task moves it, whatever writes it (kfq,
-- another server, psql). The value is random, not counted: a change rolled back, or a database
-- restored, would otherwise bring back a number a connection may have kept other names under.
CREATE TABLE name_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	v BIGINT NOT NULL
);
INSERT INTO name_version (id, v) VALUES (1, random());
CREATE TRIGGER org_name_insert AFTER INSERT ON org
BEGIN UPDATE name_version SET v = random() WHERE id = 1; END;
CREATE TRIGGER org_name_update AFTER UPDATE OF name ON org
BEGIN UPDATE name_version SET v = random() WHERE id = 1; END;
CREATE TRIGGER org_name_delete AFTER DELETE ON org
BEGIN UPDATE name_version SET v = random() WHERE id = 1; END;
CREATE TRIGGER task_name_insert AFTER INSERT ON task
BEGIN UPDATE name_version SET v = random() WHERE id = 1; END;
CREATE TRIGGER task_name_update AFTER UPDATE OF article_number, title ON task
BEGIN UPDATE name_version SET v = random() WHERE id = 1; END;
CREATE TRIGGER task_name_delete AFTER DELETE ON task
BEGIN UPDATE name_version SET v = random() WHERE id = 1; END;
