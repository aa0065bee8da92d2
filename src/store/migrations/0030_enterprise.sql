-- The enterprise registry (shared with the industry and land module), its yearly tax records,
-- and an office's own industry classification when it loads one (kfq catalog import).
-- Money is integer fen; dates are YYYY-MM-DD; times RFC 3339 UTC.

-- 统一社会信用代码 (GB 32100-2015, checked by core/uscc.c before it is stored) names an
-- enterprise once. zone_id is the zone it is registered in. industry_code is a GB/T 4754 小类
-- of the classification in force. 招商引资: attracted, with the dates the zone records for it:
-- contract signed (签约), settled in the zone (落地注册), production started (投产).
CREATE TABLE enterprise (
	id {{ID}},
	uscc TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	zone_id BIGINT NOT NULL REFERENCES org(id),
	address TEXT NOT NULL DEFAULT '',
	industry_code TEXT NOT NULL,
	scale TEXT NOT NULL CHECK (scale IN ('above', 'below')),
	registered_on TEXT NOT NULL,
	attracted INTEGER NOT NULL DEFAULT 0,
	contract_on TEXT,
	settled_on TEXT,
	production_on TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX enterprise_zone ON enterprise(zone_id, id);

-- An industry classification an office loaded from its own official file; while this table
-- is empty the one kfq ships (data/catalog/gbt4754-2017.tsv) is in force. seq keeps the
-- file's order; parent is the 门类 letter of a 大类, the code prefix of the others.
CREATE TABLE industry_code (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
	parent TEXT NOT NULL,
	seq INTEGER NOT NULL
);
