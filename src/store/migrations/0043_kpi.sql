-- Internal KPIs of the zones (article 14: 内部考核向招商引资、项目建设、产业发展倾斜).
-- kpi_floor: per year the least weight (points of 100) of 招商引资, 项目建设 and 产业发展 that
-- every zone's scheme must give, set by the office (core/kpi.h's default when a year has none).
-- kpi_scheme: a zone's scheme of a year for its departments or its staff, with its indicators
-- (kpi_indicator, weights adding up to 100) and each subject's score per indicator (kpi_score,
-- centi-points 0..10000; a staff subject is a person id, a department its internal body's
-- name). The staff totals split the zone's performance-pay pool into suggested 绩效薪酬.
-- Every change is audited.
CREATE TABLE kpi_floor (
	id {{ID}},
	year INTEGER NOT NULL UNIQUE,
	investment_min INTEGER NOT NULL CHECK (investment_min BETWEEN 0 AND 100),
	project_min INTEGER NOT NULL CHECK (project_min BETWEEN 0 AND 100),
	industry_min INTEGER NOT NULL CHECK (industry_min BETWEEN 0 AND 100),
	set_at TEXT NOT NULL,
	set_by BIGINT REFERENCES app_user(id)
);

CREATE TABLE kpi_scheme (
	id {{ID}},
	org_id BIGINT NOT NULL REFERENCES org(id),
	year INTEGER NOT NULL,
	target TEXT NOT NULL CHECK (target IN ('department', 'staff')),
	updated_at TEXT NOT NULL,
	updated_by BIGINT REFERENCES app_user(id),
	UNIQUE (org_id, year, target)
);

CREATE TABLE kpi_indicator (
	id {{ID}},
	scheme_id BIGINT NOT NULL REFERENCES kpi_scheme(id),
	seq INTEGER NOT NULL,
	name TEXT NOT NULL,
	category TEXT NOT NULL CHECK (category IN ('investment', 'project', 'industry', 'other')),
	weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
	UNIQUE (scheme_id, seq)
);

CREATE TABLE kpi_score (
	id {{ID}},
	scheme_id BIGINT NOT NULL REFERENCES kpi_scheme(id),
	indicator_id BIGINT NOT NULL REFERENCES kpi_indicator(id),
	subject_key TEXT NOT NULL,
	subject_name TEXT NOT NULL,
	score_cp INTEGER NOT NULL CHECK (score_cp BETWEEN 0 AND 10000),
	UNIQUE (indicator_id, subject_key)
);
CREATE INDEX kpi_score_scheme ON kpi_score (scheme_id);
