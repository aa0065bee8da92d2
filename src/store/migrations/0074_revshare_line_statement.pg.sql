-- A statement's lines name their statement without a foreign key: PostgreSQL checks one by a
-- query per inserted row (SELECT … FOR KEY SHARE on the statement), which was half the server's
-- work of writing a city's 80,000 lines (DECISIONS 170). The lines' statement-level trigger,
-- which already joins each COPY's rows to their statements once to keep confirmed ones frozen,
-- now refuses a line whose statement does not exist too, and a statement that still has lines
-- cannot be deleted (nor its id changed), as the foreign key refused. SQLite keeps its foreign
-- key (a b-tree probe per line there).
ALTER TABLE revshare_line DROP CONSTRAINT revshare_line_statement_id_fkey;

CREATE OR REPLACE FUNCTION revshare_lines_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	orphan boolean;
BEGIN
	SELECT s.id IS NULL INTO orphan FROM revshare_lines_changed c
	LEFT JOIN revshare_statement s ON s.id = c.statement_id
	WHERE s.id IS NULL OR s.status = 'confirmed' LIMIT 1;
	IF orphan THEN
		RAISE EXCEPTION 'a revenue-sharing line names no statement'
			USING ERRCODE = 'foreign_key_violation';
	ELSIF FOUND THEN
		RAISE EXCEPTION 'a confirmed revenue-sharing statement is frozen';
	END IF;
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION revshare_statement_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.status = 'confirmed' THEN
		RAISE EXCEPTION 'a confirmed revenue-sharing statement is frozen';
	END IF;
	IF (TG_OP = 'DELETE' OR NEW.id <> OLD.id) AND
	   EXISTS (SELECT 1 FROM revshare_line WHERE statement_id = OLD.id) THEN
		RAISE EXCEPTION 'a revenue-sharing statement with lines is not removed'
			USING ERRCODE = 'foreign_key_violation';
	END IF;
	IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
	RETURN NEW;
END $$;
