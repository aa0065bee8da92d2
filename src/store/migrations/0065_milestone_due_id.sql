-- Milestone lists are ordered by (due_date, id): PostgreSQL read the index on due_date alone and
-- sorted each run of equal dates by id before it could stop at the page's end; with id in the
-- index the page is the index's first rows. (SQLite's index already ended with the rowid.)
DROP INDEX milestone_due;
CREATE INDEX milestone_due ON milestone(due_date, id);
