-- SQLite's twin writes a notice's status CHECK as comparisons, which SQLite evaluates without
-- building an index at each write (DECISIONS 250); PostgreSQL's IN list costs nothing of the
-- kind. The statement is there because a migration of only comments is an empty query to libpq.
SELECT 1;
