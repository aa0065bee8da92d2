-- A confirmed statement is frozen in SQL too: its row and its lines can be neither changed nor
-- removed, and no line can be added to it. Drafts are recomputed in place.
CREATE TRIGGER revshare_statement_frozen BEFORE UPDATE ON revshare_statement
WHEN OLD.status = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'a confirmed revenue-sharing statement is frozen'); END;
CREATE TRIGGER revshare_statement_no_delete BEFORE DELETE ON revshare_statement
WHEN OLD.status = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'a confirmed revenue-sharing statement is frozen'); END;
CREATE TRIGGER revshare_line_no_change BEFORE UPDATE ON revshare_line
WHEN (SELECT status FROM revshare_statement WHERE id = OLD.statement_id) = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'a confirmed revenue-sharing statement is frozen'); END;
CREATE TRIGGER revshare_line_no_delete BEFORE DELETE ON revshare_line
WHEN (SELECT status FROM revshare_statement WHERE id = OLD.statement_id) = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'a confirmed revenue-sharing statement is frozen'); END;
CREATE TRIGGER revshare_line_no_insert BEFORE INSERT ON revshare_line
WHEN (SELECT status FROM revshare_statement WHERE id = NEW.statement_id) = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'a confirmed revenue-sharing statement is frozen'); END;
