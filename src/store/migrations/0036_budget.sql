-- Zone budgets (art. 5 of the seed, lead 市财政局): each zone's fiscal mode for a year, its
-- budget and final accounts by 政府收支分类科目, and the performance of its projects.
-- Money is integer fen; dates are YYYY-MM-DD; times RFC 3339 UTC.

-- A zone's fiscal mode for a year: independent (独立核算, its own budget approved by its
-- county's people's congress: the approval's date and document once approved) or listed
-- (单独列示 within the county's budget, no approval of its own).
CREATE TABLE zone_budget (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	year INTEGER NOT NULL,
	mode TEXT NOT NULL CHECK (mode IN ('independent', 'listed')),
	approved_on TEXT,
	approval_doc TEXT,
	note TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (zone_id, year)
);

-- One subject's amount in a zone's budget or final accounts of a year. code is a 类 (3
-- digits), 款 (5) or 项 (7) of the classification, checked by core/budget.c; a line below a
-- 类 has its parent in the same accounts. An import replaces the accounts it holds as a
-- whole (the import's batch and audit record name the file).
CREATE TABLE budget_line (
	zone_id BIGINT NOT NULL REFERENCES org(id),
	year INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('budget', 'final')),
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	amount_fen BIGINT NOT NULL,
	PRIMARY KEY (zone_id, year, kind, code)
);

-- A project's performance (绩效管理): its funds, what it aims at (绩效目标) and what it
-- achieved (绩效结果), the evaluation's score once evaluated.
CREATE TABLE budget_project (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	year INTEGER NOT NULL,
	name TEXT NOT NULL,
	subject_code TEXT NOT NULL DEFAULT '',
	funds_fen BIGINT NOT NULL,
	spent_fen BIGINT NOT NULL DEFAULT 0,
	target TEXT NOT NULL,
	result TEXT NOT NULL DEFAULT '',
	score INTEGER,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX budget_project_zone ON budget_project(zone_id, year, id);
