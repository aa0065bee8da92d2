-- Industry plans (art. 2 of the seed, lead 市发改委): each zone's plan for a period (十五五 =
-- 2026–2030) with its leading industries, and the yearly output of the registry's enterprises
-- (the tax is in tax_record, 0033) from which the leading industries' shares are computed.
-- Money is integer fen; times RFC 3339 UTC.

-- exception: 'none' (at most 3 leading industries), 'pending' (more, with exception_reason,
-- waiting for the office), 'approved' (the office approved it: approved_by, approved_at). A
-- change to a plan with more than 3 asks for the approval again.
CREATE TABLE industry_plan (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	name TEXT NOT NULL,
	start_year INTEGER NOT NULL,
	end_year INTEGER NOT NULL,
	exception_reason TEXT NOT NULL DEFAULT '',
	exception TEXT NOT NULL CHECK (exception IN ('none', 'pending', 'approved')),
	approved_by BIGINT REFERENCES app_user(id),
	approved_at TEXT,
	created_by BIGINT REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (zone_id, start_year)
);

-- A leading industry (主导产业) in the plan's order: the area of 战略性新兴产业分类(2018)
-- (data/catalog/sei-2018.tsv) and/or the 未来产业 direction, and its GB/T 4754 codes (大类,
-- 中类 or 小类, comma-separated in the plan's order: they are matched in C, never in SQL).
CREATE TABLE industry_plan_lead (
	plan_id BIGINT NOT NULL REFERENCES industry_plan(id),
	seq INTEGER NOT NULL,
	name TEXT NOT NULL,
	sei_code TEXT,
	future TEXT,
	codes TEXT NOT NULL,
	PRIMARY KEY (plan_id, seq)
);

-- An enterprise's output (工业总产值 or 营业收入, as the zone reports it) in a year.
CREATE TABLE enterprise_output (
	year INTEGER NOT NULL,
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	output_fen BIGINT NOT NULL CHECK (output_fen >= 0),
	updated_at TEXT NOT NULL,
	PRIMARY KEY (year, enterprise_id)
);
CREATE INDEX enterprise_output_enterprise ON enterprise_output(enterprise_id, year);
