-- Tax an enterprise paid in a year, by tax type (core/tax_type.h codes). One row per
-- enterprise, year and type; a corrected import replaces the row (the statements that were
-- computed from it stay as they were: they keep their own lines). Keyed by year first (a
-- statement reads two years), found by enterprise through the second index (its page).
-- enterprise_id is not declared a foreign key here, unlike SQLite: PostgreSQL checks one by a
-- trigger per row that locks the enterprise's row, which is most of a million-row import's
-- time. Every writer takes the id from the registry inside its write transaction, and
-- enterprises are never deleted (DECISIONS 85).
CREATE TABLE tax_record (
	year INTEGER NOT NULL,
	enterprise_id BIGINT NOT NULL,
	tax_type TEXT NOT NULL,
	amount_fen BIGINT NOT NULL,
	PRIMARY KEY (year, enterprise_id, tax_type)
);
CREATE INDEX tax_record_enterprise ON tax_record(enterprise_id, year);
