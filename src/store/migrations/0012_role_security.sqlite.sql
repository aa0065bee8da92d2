-- The security officer (安全管理员): a role of its own beside the system administrator, as the
-- three-officer separation of 等保 2.0 level 3 asks. app_user's CHECK on role gains 'security'.
-- SQLite cannot alter a constraint; widening a CHECK changes no stored row, so the table's
-- definition is edited in place, as SQLite's documentation allows for constraint changes that
-- leave the file format alone (https://www.sqlite.org/lang_altertable.html, "otheralter"):
-- writable_schema, then RESET to reload the schema on this connection; the next DDL statement
-- (0013) bumps the schema cookie so that every other connection reloads it too. Unlike a
-- rebuild, this keeps whatever columns later migrations added to app_user. The PostgreSQL twin
-- replaces the constraint.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
	SET sql = replace(sql, '''supervisor'', ''auditor'')', '''supervisor'', ''auditor'', ''security'')')
	WHERE type = 'table' AND name = 'app_user';
PRAGMA writable_schema = RESET;
