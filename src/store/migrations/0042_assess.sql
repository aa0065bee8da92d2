-- Annual assessment of the zones (articles 14 and 15 of the seed). assess_scheme: per year and
-- class (分级分类, e.g. 国家级经开区) the scheme the office sets: the completion cap of target
-- indicators, the lowest score of each grade (centi-points: 100 points = 10000), an optional
-- quota on 优秀 (basis points of the class), the appeal window in calendar days; published
-- once (published_at, appeal_deadline as an instant). assess_indicator: its indicators (kind
-- target/province/deduction, weights of the first two adding up to 100, checked by core).
-- assess_zone: the zones of the class, one class per zone and year. assess_value: a zone's
-- target and actual of an indicator (hundredths of its unit; a rank whole; a deduction in
-- centi-points). assess_result: a zone's computed score, rank and grade with each indicator's
-- contribution (assess_result_line); a result changed after publication keeps the old one in
-- assess_result_history with the reason. assess_appeal: a zone's appeal of its published
-- result and the office's decision. Every change is audited.
CREATE TABLE assess_scheme (
	id {{ID}},
	year INTEGER NOT NULL,
	class_key TEXT NOT NULL,
	name TEXT NOT NULL,
	cap_bp INTEGER NOT NULL CHECK (cap_bp BETWEEN 10000 AND 30000),
	min_excellent_cp INTEGER NOT NULL,
	min_good_cp INTEGER NOT NULL,
	min_fair_cp INTEGER NOT NULL,
	top_quota_bp INTEGER NOT NULL CHECK (top_quota_bp BETWEEN 0 AND 10000),
	appeal_days INTEGER NOT NULL CHECK (appeal_days BETWEEN 0 AND 90),
	status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
	published_at TEXT,
	appeal_deadline TEXT,
	updated_at TEXT NOT NULL,
	updated_by BIGINT REFERENCES app_user(id),
	UNIQUE (year, class_key)
);

CREATE TABLE assess_indicator (
	id {{ID}},
	scheme_id BIGINT NOT NULL REFERENCES assess_scheme(id),
	seq INTEGER NOT NULL,
	name TEXT NOT NULL,
	unit TEXT,
	kind TEXT NOT NULL CHECK (kind IN ('target', 'province', 'deduction')),
	mode TEXT NOT NULL CHECK (mode IN ('higher', 'lower', 'score', 'rank', 'points')),
	weight INTEGER NOT NULL CHECK (weight BETWEEN 0 AND 100),
	scale BIGINT NOT NULL CHECK (scale >= 0),
	UNIQUE (scheme_id, seq)
);

CREATE TABLE assess_zone (
	id {{ID}},
	scheme_id BIGINT NOT NULL REFERENCES assess_scheme(id),
	year INTEGER NOT NULL,
	org_id BIGINT NOT NULL REFERENCES org(id),
	UNIQUE (year, org_id)
);
CREATE INDEX assess_zone_scheme ON assess_zone (scheme_id);

CREATE TABLE assess_value (
	id {{ID}},
	indicator_id BIGINT NOT NULL REFERENCES assess_indicator(id),
	org_id BIGINT NOT NULL REFERENCES org(id),
	target BIGINT,
	actual BIGINT NOT NULL CHECK (actual >= 0),
	updated_at TEXT NOT NULL,
	updated_by BIGINT REFERENCES app_user(id),
	UNIQUE (indicator_id, org_id)
);

CREATE TABLE assess_result (
	id {{ID}},
	scheme_id BIGINT NOT NULL REFERENCES assess_scheme(id),
	org_id BIGINT NOT NULL REFERENCES org(id),
	score_cp BIGINT NOT NULL,
	target_cp BIGINT NOT NULL,
	deduct_cp BIGINT NOT NULL,
	rank_no INTEGER NOT NULL,
	grade TEXT NOT NULL CHECK (grade IN ('excellent', 'good', 'fair', 'poor')),
	demoted INTEGER NOT NULL CHECK (demoted IN (0, 1)),
	version INTEGER NOT NULL,
	computed_at TEXT NOT NULL,
	UNIQUE (scheme_id, org_id)
);

CREATE TABLE assess_result_line (
	id {{ID}},
	result_id BIGINT NOT NULL REFERENCES assess_result(id),
	indicator_id BIGINT NOT NULL REFERENCES assess_indicator(id),
	completion_bp BIGINT NOT NULL,
	contribution_cp BIGINT NOT NULL,
	UNIQUE (result_id, indicator_id)
);

CREATE TABLE assess_result_history (
	id {{ID}},
	result_id BIGINT NOT NULL REFERENCES assess_result(id),
	version INTEGER NOT NULL,
	score_cp BIGINT NOT NULL,
	rank_no INTEGER NOT NULL,
	grade TEXT NOT NULL,
	reason TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	changed_by BIGINT REFERENCES app_user(id),
	UNIQUE (result_id, version)
);

CREATE TABLE assess_appeal (
	id {{ID}},
	result_id BIGINT NOT NULL REFERENCES assess_result(id),
	reason TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'rejected')),
	filed_at TEXT NOT NULL,
	filed_by BIGINT REFERENCES app_user(id),
	comment TEXT,
	decided_at TEXT,
	decided_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX assess_appeal_result ON assess_appeal (result_id);
