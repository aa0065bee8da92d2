-- A confirmed statement is frozen in SQL too: its row and its lines can be neither changed nor
-- removed, and no line can be added to it. Drafts are recomputed in place. The lines are
-- checked once per statement (transition tables), not once per row: a zone's statement has
-- tens of thousands of lines, written by COPY.
CREATE FUNCTION revshare_statement_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.status = 'confirmed' THEN
		RAISE EXCEPTION 'a confirmed revenue-sharing statement is frozen';
	END IF;
	IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER revshare_statement_frozen BEFORE UPDATE OR DELETE ON revshare_statement
FOR EACH ROW EXECUTE FUNCTION revshare_statement_frozen();
CREATE FUNCTION revshare_lines_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM revshare_lines_changed c
	           JOIN revshare_statement s ON s.id = c.statement_id WHERE s.status = 'confirmed') THEN
		RAISE EXCEPTION 'a confirmed revenue-sharing statement is frozen';
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER revshare_line_frozen_insert AFTER INSERT ON revshare_line
REFERENCING NEW TABLE AS revshare_lines_changed
FOR EACH STATEMENT EXECUTE FUNCTION revshare_lines_frozen();
CREATE TRIGGER revshare_line_frozen_update_from AFTER UPDATE ON revshare_line
REFERENCING OLD TABLE AS revshare_lines_changed
FOR EACH STATEMENT EXECUTE FUNCTION revshare_lines_frozen();
CREATE TRIGGER revshare_line_frozen_update_to AFTER UPDATE ON revshare_line
REFERENCING NEW TABLE AS revshare_lines_changed
FOR EACH STATEMENT EXECUTE FUNCTION revshare_lines_frozen();
CREATE TRIGGER revshare_line_frozen_delete AFTER DELETE ON revshare_line
REFERENCING OLD TABLE AS revshare_lines_changed
FOR EACH STATEMENT EXECUTE FUNCTION revshare_lines_frozen();
CREATE FUNCTION revshare_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'revenue-sharing statements are not truncated'; END $$;
CREATE TRIGGER revshare_line_no_truncate BEFORE TRUNCATE ON revshare_line
FOR EACH STATEMENT EXECUTE FUNCTION revshare_no_truncate();
CREATE TRIGGER revshare_statement_no_truncate BEFORE TRUNCATE ON revshare_statement
FOR EACH STATEMENT EXECUTE FUNCTION revshare_no_truncate();
