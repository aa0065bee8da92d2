-- 亩均效益 evaluation (亩产论英雄, art. 2; core/mujun.c computes it when read): a year's scheme
-- when it differs from kfq's default (the Zhejiang county scheme), each enterprise's yearly
-- figures besides its tax (which the registry's tax_record gives), the enterprises not
-- evaluated with the reason (不参评), and the measures a zone records per class. Money fen,
-- energy kg of standard coal, emissions kg, electricity kWh.
CREATE TABLE mujun_scheme (
	year INTEGER PRIMARY KEY,
	method TEXT NOT NULL CHECK (method IN ('percentile', 'threshold')),
	pct_a INTEGER NOT NULL, pct_b INTEGER NOT NULL, pct_c INTEGER NOT NULL, pct_d INTEGER NOT NULL,
	threshold_a BIGINT NOT NULL, threshold_b BIGINT NOT NULL, threshold_c BIGINT NOT NULL,
	below_min_mu_x100 BIGINT NOT NULL,
	new_years INTEGER NOT NULL,
	updated_at TEXT NOT NULL
);

-- One row per group and indicator the year's scheme uses (weight > 0).
CREATE TABLE mujun_indicator (
	year INTEGER NOT NULL REFERENCES mujun_scheme(year),
	grp TEXT NOT NULL CHECK (grp IN ('above', 'below')),
	code TEXT NOT NULL,
	weight INTEGER NOT NULL,
	reference BIGINT NOT NULL,            -- 0: the group's average value that year
	cap_bp INTEGER NOT NULL,              -- the contribution's cap, basis points of the weight
	PRIMARY KEY (year, grp, code)
);

-- An enterprise's figures for a year; NULL where not known (scored the group's average).
CREATE TABLE enterprise_figure (
	id {{ID}},
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	year INTEGER NOT NULL,
	value_added_fen BIGINT,               -- 工业增加值
	revenue_fen BIGINT,                   -- 主营业务收入
	rd_fen BIGINT,                        -- R&D 经费支出
	energy_kgce BIGINT,                   -- 综合能耗
	emission_kg BIGINT,                   -- 主要污染物排放当量
	electricity_kwh BIGINT,               -- 用电量
	staff BIGINT,                         -- 年平均职工人数
	updated_at TEXT NOT NULL,
	UNIQUE (enterprise_id, year)
);

CREATE TABLE mujun_exemption (
	id {{ID}},
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	year INTEGER NOT NULL,
	reason TEXT NOT NULL,                 -- e.g. the policy that exempts it
	created_at TEXT NOT NULL,
	UNIQUE (enterprise_id, year)
);

-- 差别化措施: what the zone does for a class (A: 用地、用能、排污 priorities; D: 整治提升).
CREATE TABLE mujun_measure (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	year INTEGER NOT NULL,
	klass TEXT NOT NULL CHECK (klass IN ('A', 'B', 'C', 'D')),
	measure TEXT NOT NULL,
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX mujun_measure_zone ON mujun_measure(zone_id, year);
