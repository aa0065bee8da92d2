-- An audit record's canonical form is no longer stored beside its columns (DECISIONS 259):
-- `canon` repeated every column, the before and after JSON included, so that a 督办单's record
-- took about 2 KB, one to a page, and nearly every audited commit allocated a page (with the
-- b-tree's parent and, on SQLite, the file's header). Verification writes the form from the
-- columns, as the append did, and checks it against the stored hash: the hashes, the chain and
-- the head are unchanged. On SQLite DROP COLUMN rewrites each row in place without firing the
-- append-only UPDATE trigger; on PostgreSQL it only marks the column dropped.
ALTER TABLE audit_log DROP COLUMN canon;
