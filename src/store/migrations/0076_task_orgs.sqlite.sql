-- A task's record read its organizations as rows of task_org (DECISIONS 211). The task's row
-- now carries them, each id signed by its role (a lead's negative) and comma-separated, in no
-- order (kfq orders them): task_org stays the table every write and every filter uses, and
-- these triggers keep the copy, whatever writes task_org, in the same transaction. The
-- PostgreSQL twin writes the same text. The triggers name the task table: a later migration
-- that rebuilds it the way 0015 did must drop them first and make them again.
ALTER TABLE task ADD COLUMN orgs TEXT;
CREATE VIEW task_orgs_text AS
SELECT x.task_id, group_concat(CAST(CASE x.role WHEN 'lead' THEN -x.org_id ELSE x.org_id END
	AS TEXT), ',') AS orgs
FROM task_org x GROUP BY x.task_id;
UPDATE task SET orgs = (SELECT v.orgs FROM task_orgs_text v WHERE v.task_id = task.id);
CREATE TRIGGER task_orgs_insert AFTER INSERT ON task_org
BEGIN
	UPDATE task SET orgs = (SELECT v.orgs FROM task_orgs_text v WHERE v.task_id = NEW.task_id)
	WHERE id = NEW.task_id;
END;
CREATE TRIGGER task_orgs_delete AFTER DELETE ON task_org
BEGIN
	UPDATE task SET orgs = (SELECT v.orgs FROM task_orgs_text v WHERE v.task_id = OLD.task_id)
	WHERE id = OLD.task_id;
END;
CREATE TRIGGER task_orgs_update AFTER UPDATE ON task_org
BEGIN
	UPDATE task SET orgs = (SELECT v.orgs FROM task_orgs_text v WHERE v.task_id = OLD.task_id)
	WHERE id = OLD.task_id;
	UPDATE task SET orgs = (SELECT v.orgs FROM task_orgs_text v WHERE v.task_id = NEW.task_id)
	WHERE id = NEW.task_id;
END;
