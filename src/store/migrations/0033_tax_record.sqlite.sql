-- Tax an enterprise paid in a year, by tax type (core/tax_type.h codes). One row per
-- enterprise, year and type; a corrected import replaces the row (the statements that were
-- computed from it stay as they were: they keep their own lines). A city has millions of these
-- rows: keyed by year first (a statement reads two years), without a rowid (one b-tree for the
-- rows instead of two), and found by enterprise through the second index (its page).
CREATE TABLE tax_record (
	year INTEGER NOT NULL,
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	tax_type TEXT NOT NULL,
	amount_fen BIGINT NOT NULL,
	PRIMARY KEY (year, enterprise_id, tax_type)
) WITHOUT ROWID;
CREATE INDEX tax_record_enterprise ON tax_record(enterprise_id, year);
