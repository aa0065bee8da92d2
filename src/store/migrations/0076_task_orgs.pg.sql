-- A task's record read its organizations as rows of task_org, a scan and an aggregate or a row
-- sent per organization in every uncached read (DECISIONS 211). The task's row now carries
-- them, each id signed by its role (a lead's negative) and comma-separated, in no order (kfq
-- orders them): task_org stays the table every write and every filter uses, and these
-- triggers keep the copy, whatever writes task_org (kfq, another server, psql), in the same
-- transaction. The SQLite twin writes the same text.
ALTER TABLE task ADD COLUMN orgs TEXT;
CREATE FUNCTION task_orgs_of(task BIGINT) RETURNS TEXT LANGUAGE sql STABLE AS $$
	SELECT string_agg(CAST(CASE x.role WHEN 'lead' THEN -x.org_id ELSE x.org_id END AS TEXT), ',')
	FROM task_org x WHERE x.task_id = task
$$;
CREATE FUNCTION task_orgs_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		UPDATE task SET orgs = task_orgs_of(OLD.task_id) WHERE id = OLD.task_id;
	END IF;
	IF TG_OP <> 'DELETE' THEN
		UPDATE task SET orgs = task_orgs_of(NEW.task_id) WHERE id = NEW.task_id;
	END IF;
	RETURN NULL;
END $$;
CREATE FUNCTION task_orgs_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE task SET orgs = NULL;
	RETURN NULL;
END $$;
UPDATE task SET orgs = task_orgs_of(id);
CREATE TRIGGER task_orgs AFTER INSERT OR DELETE OR UPDATE ON task_org
FOR EACH ROW EXECUTE FUNCTION task_orgs_keep();
CREATE TRIGGER task_orgs_truncate AFTER TRUNCATE ON task_org
FOR EACH STATEMENT EXECUTE FUNCTION task_orgs_clear();
