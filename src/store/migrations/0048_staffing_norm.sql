-- Art. 7's 编制 norm: the formula's parameters of a year as 编办 set them (core/staffing_norm.h,
-- by the parameter's name; a year without a row uses the defaults) and each zone's indicators
-- of the year (area in 0.01 km², population, GDP in 万元). Audited.
CREATE TABLE staffing_norm_param (
	id {{ID}},
	year INTEGER NOT NULL,
	name TEXT NOT NULL,
	value BIGINT NOT NULL,
	set_at TEXT NOT NULL,
	set_by BIGINT REFERENCES app_user(id),
	UNIQUE (year, name)
);

CREATE TABLE zone_indicator (
	id {{ID}},
	org_id BIGINT NOT NULL REFERENCES org(id),
	year INTEGER NOT NULL,
	area BIGINT NOT NULL CHECK (area >= 0),
	population BIGINT NOT NULL CHECK (population >= 0),
	gdp BIGINT NOT NULL CHECK (gdp >= 0),
	set_at TEXT NOT NULL,
	set_by BIGINT REFERENCES app_user(id),
	UNIQUE (org_id, year)
);
