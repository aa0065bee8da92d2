-- Revenue sharing (art. 6 of the seed, lead 市财政局): each year's configuration, the
-- 区中园/飞地/托管 arrangements that split enterprises between zones, and each zone's yearly
-- statements with their lines. Ratios and shares are basis points (10000 = 100 %); exact
-- amounts (_e4) are in 1/10000 fen, the returned amount in fen (core/revshare.h).

-- A year's sharing ratio and base year (default 2024), and each tax type's local retained
-- share: set by the finance bureau, every change audited.
CREATE TABLE revshare_year (
	year INTEGER PRIMARY KEY,
	base_year INTEGER NOT NULL,
	ratio_bp INTEGER NOT NULL CHECK (ratio_bp BETWEEN 0 AND 10000),
	updated_at TEXT NOT NULL
);
CREATE TABLE revshare_share (
	year INTEGER NOT NULL REFERENCES revshare_year(year),
	tax_type TEXT NOT NULL,
	share_bp INTEGER NOT NULL CHECK (share_bp BETWEEN 0 AND 10000),
	PRIMARY KEY (year, tax_type)
);

-- 区中园 / 飞地 / 托管: a host zone and a partner (another zone, or an operating company named in
-- partner_name) share the output and tax of the enterprises listed, by the partner's share in
-- force each year (the ratio with the latest from_year not after it).
CREATE TABLE arrangement (
	id {{ID}},
	kind TEXT NOT NULL CHECK (kind IN ('park_in_park', 'enclave', 'trusteeship')),
	name TEXT NOT NULL,
	host_zone_id BIGINT NOT NULL REFERENCES org(id),
	partner_zone_id BIGINT REFERENCES org(id),
	partner_name TEXT NOT NULL DEFAULT '',
	start_date TEXT NOT NULL,
	end_date TEXT,
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX arrangement_host ON arrangement(host_zone_id);
CREATE TABLE arrangement_ratio (
	arrangement_id BIGINT NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
	from_year INTEGER NOT NULL,
	partner_bp INTEGER NOT NULL CHECK (partner_bp BETWEEN 0 AND 10000),
	PRIMARY KEY (arrangement_id, from_year)
);
CREATE TABLE arrangement_enterprise (
	arrangement_id BIGINT NOT NULL REFERENCES arrangement(id) ON DELETE CASCADE,
	enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
	PRIMARY KEY (arrangement_id, enterprise_id)
);
CREATE INDEX arrangement_enterprise_by_enterprise ON arrangement_enterprise(enterprise_id);

-- One zone's statement for a year, version by version. A draft is recomputed in place; once
-- confirmed (by an organization holding the confirm_revenue capability) it is frozen, and a
-- later computation that differs becomes the next version beside it. digest is the SHA-256 of
-- the statement's canonical text (core/revshare.c), shares the configuration it used
-- ("vat 5000 5000" per line: the year's share, the base year's).
CREATE TABLE revshare_statement (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	year INTEGER NOT NULL,
	version INTEGER NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('draft', 'confirmed')),
	base_year INTEGER NOT NULL,
	ratio_bp INTEGER NOT NULL,
	shares TEXT NOT NULL,
	local_e4 BIGINT NOT NULL,
	base_e4 BIGINT NOT NULL,
	increment_e4 BIGINT NOT NULL,
	counted_e4 BIGINT NOT NULL,
	returned_fen BIGINT NOT NULL,
	n_lines INTEGER NOT NULL,
	digest TEXT NOT NULL,
	computed_at TEXT NOT NULL,
	confirmed_at TEXT,
	confirmed_by BIGINT REFERENCES app_user(id),
	confirmed_org_id BIGINT REFERENCES org(id),
	UNIQUE (zone_id, year, version)
);
CREATE INDEX revshare_statement_year ON revshare_statement(year, zone_id);

-- A statement's lines: every attracted enterprise's part, with what it was called then and
-- its tax by type ("vat 400001 300001" per line: fen in the year, in the base year).
CREATE TABLE revshare_line (
	statement_id BIGINT NOT NULL REFERENCES revshare_statement(id),
	seq INTEGER NOT NULL,
	enterprise_id BIGINT NOT NULL,
	uscc TEXT NOT NULL,
	name TEXT NOT NULL,
	arrival_year INTEGER NOT NULL,
	share_bp INTEGER NOT NULL,
	base_counted INTEGER NOT NULL,
	local_e4 BIGINT NOT NULL,
	base_e4 BIGINT NOT NULL,
	increment_e4 BIGINT NOT NULL,
	taxes TEXT NOT NULL,
	PRIMARY KEY (statement_id, seq)
);
