-- Performance pay (articles 11 and 14 of the seed). pay_level: per year and government level
-- (the city, level_org_id NULL, or a county that hosts zones) the reference salary of fully
-- funded public institutions (基础薪酬) and R, their per-capita performance pay, in fen.
-- pay_coefficient: per year the coefficient of each grade in basis points (at most 50000 = 5).
-- zone_grade: each zone's grade of the year (年度等级). pay_plan: a zone's distribution plan of
-- a year with its lines, filed (备案) with the organizations holding ack_pay_filing, each of
-- which acknowledges or returns it (pay_filing_ack); it takes effect when all have
-- acknowledged. Every change is audited.
CREATE TABLE pay_level (
	id {{ID}},
	year INTEGER NOT NULL,
	level_key TEXT NOT NULL,                -- 'city', or the county's id
	level_org_id BIGINT REFERENCES org(id),
	ref_salary_fen BIGINT NOT NULL CHECK (ref_salary_fen >= 0),
	r_fen BIGINT NOT NULL CHECK (r_fen >= 0),
	set_at TEXT NOT NULL,
	set_by BIGINT REFERENCES app_user(id),
	UNIQUE (year, level_key)
);

CREATE TABLE pay_coefficient (
	id {{ID}},
	year INTEGER NOT NULL,
	grade TEXT NOT NULL,
	coef_bp INTEGER NOT NULL CHECK (coef_bp >= 0 AND coef_bp <= 50000),
	set_at TEXT NOT NULL,
	set_by BIGINT REFERENCES app_user(id),
	UNIQUE (year, grade)
);

CREATE TABLE zone_grade (
	id {{ID}},
	year INTEGER NOT NULL,
	org_id BIGINT NOT NULL REFERENCES org(id),
	grade TEXT NOT NULL,
	set_at TEXT NOT NULL,
	set_by BIGINT REFERENCES app_user(id),
	UNIQUE (year, org_id)
);

CREATE TABLE pay_plan (
	id {{ID}},
	org_id BIGINT NOT NULL REFERENCES org(id),
	year INTEGER NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('draft', 'filed', 'returned', 'effective')),
	pool_fen BIGINT NOT NULL,                -- the pool when the plan was last written
	base_total_fen BIGINT NOT NULL,
	perf_total_fen BIGINT NOT NULL,
	incentive_total_fen BIGINT NOT NULL,
	total_fen BIGINT NOT NULL,
	note TEXT,
	updated_at TEXT NOT NULL,
	updated_by BIGINT REFERENCES app_user(id),
	filed_at TEXT,
	effective_at TEXT,
	UNIQUE (org_id, year)
);

CREATE TABLE pay_plan_line (
	id {{ID}},
	plan_id BIGINT NOT NULL REFERENCES pay_plan(id),
	person_id BIGINT NOT NULL REFERENCES person(id),
	base_fen BIGINT NOT NULL CHECK (base_fen >= 0),
	perf_fen BIGINT NOT NULL CHECK (perf_fen >= 0),
	incentive_fen BIGINT NOT NULL CHECK (incentive_fen >= 0),
	UNIQUE (plan_id, person_id)
);

CREATE TABLE pay_filing_ack (
	id {{ID}},
	plan_id BIGINT NOT NULL REFERENCES pay_plan(id),
	org_id BIGINT NOT NULL REFERENCES org(id),
	decision TEXT NOT NULL CHECK (decision IN ('ack', 'return')),
	comment TEXT,
	decided_at TEXT NOT NULL,
	decided_by BIGINT REFERENCES app_user(id),
	UNIQUE (plan_id, org_id)
);
