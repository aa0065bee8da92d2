-- SQLite's twin makes an audit record's seq the table's rowid, one index fewer written per
-- commit (DECISIONS 230); PostgreSQL's tables have no rowid and its primary key stays. The
-- statement is there because a migration of only comments is an empty query to libpq.
SELECT 1;
