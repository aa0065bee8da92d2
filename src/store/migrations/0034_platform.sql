-- Platform companies (管委会+公司, art. 12 and 13 of the seed): each zone's companies, their
-- shareholders and stakes (adding up to 10000 basis points, core/platform.c), the state assets
-- injected into them, the 政企分离/管运分离 checklist with its evidence, yearly balance-sheet
-- figures and the debt-risk warning lines by company type that the state-asset supervisor sets
-- (the 2018 guidance's and kfq's defaults where none is set). Money is integer fen; ratios basis
-- points; dates YYYY-MM-DD; times RFC 3339 UTC.

CREATE TABLE platform_company (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	name TEXT NOT NULL,
	uscc TEXT NOT NULL UNIQUE,
	type TEXT NOT NULL CHECK (type IN ('industrial', 'non_industrial', 'research')),
	established_on TEXT,
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX platform_company_zone ON platform_company(zone_id, id);

-- The shareholders in the order they are listed; a change replaces the list.
CREATE TABLE platform_shareholder (
	company_id BIGINT NOT NULL REFERENCES platform_company(id),
	pos INTEGER NOT NULL,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('state', 'strategic', 'other')),
	stake_bp INTEGER NOT NULL CHECK (stake_bp BETWEEN 1 AND 10000),
	PRIMARY KEY (company_id, pos)
);

-- State assets injected (国有优良资产注入, 资产入股): what, its valuation and when.
CREATE TABLE platform_injection (
	company_id BIGINT NOT NULL REFERENCES platform_company(id),
	pos INTEGER NOT NULL,
	asset TEXT NOT NULL,
	valuation_fen BIGINT NOT NULL CHECK (valuation_fen > 0),
	injected_on TEXT NOT NULL,
	PRIMARY KEY (company_id, pos)
);

-- One row per checklist item (core/platform.h's duties), made with the company; its files are
-- attachments of entity type platform_duty.
CREATE TABLE platform_duty (
	id {{ID}},
	company_id BIGINT NOT NULL REFERENCES platform_company(id),
	duty TEXT NOT NULL CHECK (duty IN ('policy', 'planning', 'approval', 'development',
		'attraction', 'capital')),
	status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
	evidence TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	UNIQUE (company_id, duty)
);

-- A year's balance-sheet figures (year-end), entered or imported.
CREATE TABLE platform_sheet (
	company_id BIGINT NOT NULL REFERENCES platform_company(id),
	year INTEGER NOT NULL,
	assets_fen BIGINT NOT NULL,
	liabilities_fen BIGINT NOT NULL,
	interest_bearing_fen BIGINT NOT NULL,
	current_assets_fen BIGINT NOT NULL,
	current_liabilities_fen BIGINT NOT NULL,
	guarantees_fen BIGINT NOT NULL,
	revenue_fen BIGINT NOT NULL,
	profit_fen BIGINT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (company_id, year)
);

-- A warning line set for a company type and indicator; absent = core/platform.c's default.
CREATE TABLE platform_line (
	type TEXT NOT NULL CHECK (type IN ('industrial', 'non_industrial', 'research')),
	indicator TEXT NOT NULL CHECK (indicator IN ('debt_ratio', 'interest_share',
		'current_ratio', 'guarantee')),
	warning_bp BIGINT NOT NULL,
	key_bp BIGINT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (type, indicator)
);
