-- Land (art. 2, 13): batches approved for construction and how much of each was supplied
-- (批而未供), parcels with their contract and survey facts (core/land.c classifies them) and
-- the enterprise of the registry (0030) that holds them,
-- the cases of low-efficiency land with their handling tracked to the end, and projects
-- located by a point or an outline against the zone's boundary. Areas are hundredths of a
-- square metre, money fen, dates ISO (Asia/Shanghai), floor area ratios hundredths.
CREATE TABLE land_batch (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	batch_no TEXT NOT NULL,               -- the approval's number (批次)
	approved_on TEXT NOT NULL,
	approved_m2x100 BIGINT NOT NULL CHECK (approved_m2x100 > 0),
	created_at TEXT NOT NULL,
	UNIQUE (zone_id, batch_no)
);

CREATE TABLE land_parcel (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	batch_id BIGINT REFERENCES land_batch(id),
	parcel_no TEXT NOT NULL UNIQUE,       -- 不动产权证号 or 出让合同编号
	location TEXT,
	land_use TEXT NOT NULL CHECK (land_use IN ('industrial', 'warehouse', 'commercial', 'residential', 'public', 'other')),
	area_m2x100 BIGINT NOT NULL CHECK (area_m2x100 > 0),
	developed_m2x100 BIGINT NOT NULL DEFAULT 0 CHECK (developed_m2x100 >= 0),
	land_price_fen BIGINT NOT NULL DEFAULT 0,
	investment_agreed_fen BIGINT NOT NULL DEFAULT 0,
	investment_done_fen BIGINT NOT NULL DEFAULT 0,
	agreed_start TEXT, agreed_finish TEXT, agreed_production TEXT,
	actual_start TEXT, actual_finish TEXT, actual_production TEXT,
	stopped_since TEXT,
	far_agreed_x100 BIGINT NOT NULL DEFAULT 0,
	far_x100 BIGINT NOT NULL DEFAULT 0,
	tax_per_mu_agreed_fen BIGINT NOT NULL DEFAULT 0,
	tax_last_year_fen BIGINT NOT NULL DEFAULT 0,
	idle_cause TEXT CHECK (idle_cause IN ('government', 'enterprise')),
	geojson TEXT,                         -- the outline (or a point) in CGCS2000 lon/lat
	where_code TEXT,                      -- against the zone's boundary when it was located
	enterprise_id BIGINT REFERENCES enterprise(id), -- NULL while no enterprise holds it
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX land_parcel_zone ON land_parcel(zone_id, id);
CREATE INDEX land_parcel_enterprise ON land_parcel(enterprise_id);
CREATE INDEX land_parcel_batch ON land_parcel(batch_id);

CREATE TABLE land_case (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	parcel_id BIGINT REFERENCES land_parcel(id),
	batch_id BIGINT REFERENCES land_batch(id),
	kind TEXT NOT NULL CHECK (kind IN ('unsupplied', 'idle', 'unused', 'underused', 'unproduced', 'substandard')),
	handling TEXT NOT NULL CHECK (handling IN ('idle_fee', 'reclaim', 'negotiate', 'agreement_transfer', 'surplus_land_transfer', 'surplus_building_lease', 'rectify')),
	fee_fen BIGINT NOT NULL DEFAULT 0,
	due_on TEXT,
	note TEXT,
	status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
	result TEXT,
	opened_at TEXT NOT NULL,
	opened_by BIGINT REFERENCES app_user(id),
	closed_at TEXT,
	closed_by BIGINT REFERENCES app_user(id),
	CHECK ((parcel_id IS NULL) <> (batch_id IS NULL))
);
CREATE INDEX land_case_zone ON land_case(zone_id, status);

CREATE TABLE land_project (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	name TEXT NOT NULL,
	industrial INTEGER NOT NULL,
	geojson TEXT NOT NULL,
	where_code TEXT NOT NULL CHECK (where_code IN ('outside', 'on_edge', 'inside', 'partly')),
	exception_reason TEXT,                -- 必要的生产生活配套: why it may stay
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX land_project_zone ON land_project(zone_id);
