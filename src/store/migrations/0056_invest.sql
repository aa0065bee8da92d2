-- The investment pipeline (招商引资, art. 13 of the seed): each zone's projects with their stage
-- (core/invest.h: talks signed landed started producing full), the day they reached it, the
-- investment agreed and realized, the expected output and tax, the GB/T 4754 小类 and the
-- responsible staff; every stage change kept; the number of days without a change after which
-- a project counts as stalled (one row, the office's). Money fen; dates YYYY-MM-DD; times RFC
-- 3339 UTC.
CREATE TABLE invest_project (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	name TEXT NOT NULL,
	investor TEXT NOT NULL DEFAULT '',
	industry_code TEXT NOT NULL,
	stage TEXT NOT NULL CHECK (stage IN ('talks', 'signed', 'landed', 'started', 'producing', 'full')),
	stage_on TEXT NOT NULL,
	agreed_fen BIGINT NOT NULL CHECK (agreed_fen >= 0),
	realized_fen BIGINT NOT NULL CHECK (realized_fen >= 0),
	expected_output_fen BIGINT NOT NULL CHECK (expected_output_fen >= 0),
	expected_tax_fen BIGINT NOT NULL CHECK (expected_tax_fen >= 0),
	staff TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_by BIGINT REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX invest_project_zone ON invest_project(zone_id, id);
CREATE INDEX invest_project_stage ON invest_project(stage, stage_on);

-- One stage change (from_stage NULL: the stage the project was entered at).
CREATE TABLE invest_stage_change (
	id {{ID}},
	project_id BIGINT NOT NULL REFERENCES invest_project(id),
	from_stage TEXT,
	to_stage TEXT NOT NULL,
	changed_on TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	changed_by BIGINT REFERENCES app_user(id),
	changed_at TEXT NOT NULL
);
CREATE INDEX invest_stage_change_project ON invest_stage_change(project_id, id);

CREATE TABLE invest_setting (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	stall_days INTEGER NOT NULL CHECK (stall_days BETWEEN 1 AND 3650),
	updated_at TEXT NOT NULL
);
INSERT INTO invest_setting (id, stall_days, updated_at) VALUES (1, 90, '2026-11-30T00:00:00Z');
