-- Powers and boundaries (articles 3 and 4): the working-day calendar the office keeps, the
-- catalogue of city-level powers (权力事项), each zone's list of delegated powers (一区一单) with
-- its workflow, the delegating department's guidance and monthly case figures, evaluations,
-- the publication of a zone's list, and the zone–county 权责清单 in approved versions.

-- Which years the calendar covers, each from one State Council notice; a day in any other year
-- is refused by the working-day count, never guessed.
CREATE TABLE work_calendar_year (
	year INTEGER PRIMARY KEY,
	notice TEXT NOT NULL,               -- 国务院办公厅关于YYYY年部分节假日安排的通知 (文号)
	published TEXT NOT NULL             -- the notice's date, YYYY-MM-DD
);

-- The days a notice moves: holiday (放假) or work (调休上班). Others follow the week.
CREATE TABLE work_calendar_day (
	day TEXT PRIMARY KEY,               -- YYYY-MM-DD
	year INTEGER NOT NULL REFERENCES work_calendar_year(year),
	kind TEXT NOT NULL CHECK (kind IN ('holiday', 'work')),
	name TEXT NOT NULL                  -- 春节, 春节调休上班, ...
);

CREATE TABLE power_item (
	id {{ID}},
	dept_org_id BIGINT NOT NULL REFERENCES org(id),  -- the delegating department
	code TEXT NOT NULL UNIQUE,          -- the 事项编码 the department's 权责清单 uses
	name TEXT NOT NULL,
	kind TEXT NOT NULL,                 -- core/enums.c enum_power_kind
	legal_basis TEXT NOT NULL,          -- law and article
	statutory_days INTEGER NOT NULL,    -- 法定时限, working days
	promised_days INTEGER NOT NULL,     -- 承诺时限, working days, <= statutory
	accept_incomplete INTEGER NOT NULL DEFAULT 0, -- 容缺受理
	notify_commit INTEGER NOT NULL DEFAULT 0,     -- 告知承诺制
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX power_item_dept ON power_item(dept_org_id);

-- One power in one zone's list (一区一单), through the workflow of core/power.h.
CREATE TABLE power_delegation (
	id {{ID}},
	power_id BIGINT NOT NULL REFERENCES power_item(id),
	zone_org_id BIGINT NOT NULL REFERENCES org(id),
	dept_org_id BIGINT NOT NULL REFERENCES org(id),  -- the power's department, kept for scope
	status TEXT NOT NULL CHECK (status IN ('proposed', 'declined', 'planned', 'delegated',
		'accepted', 'not_ready', 'acting', 'revoked')),
	origin TEXT NOT NULL CHECK (origin IN ('department', 'zone')), -- who put it on the list
	mode TEXT,                          -- enum_power_mode, once delegated
	effective_from TEXT,                -- YYYY-MM-DD
	document TEXT,                      -- the delegating document (文号)
	service_place TEXT,                 -- where to apply (办理地点), published
	acting_by TEXT,                     -- who acts while the zone is not ready (代办/派驻)
	acting_until TEXT,                  -- YYYY-MM-DD
	note TEXT,                          -- the last step's reason or comment
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by BIGINT REFERENCES app_user(id),
	UNIQUE (power_id, zone_org_id)
);
CREATE INDEX power_delegation_zone ON power_delegation(zone_org_id, status);
CREATE INDEX power_delegation_dept ON power_delegation(dept_org_id, status);

-- 谁赋权、谁指导: training and guidance the delegating department gave a zone on a power.
CREATE TABLE power_guidance (
	id {{ID}},
	delegation_id BIGINT NOT NULL REFERENCES power_delegation(id),
	kind TEXT NOT NULL CHECK (kind IN ('training', 'guidance', 'supervision')),
	held_on TEXT NOT NULL,              -- YYYY-MM-DD
	content TEXT NOT NULL,
	participants INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX power_guidance_delegation ON power_guidance(delegation_id);

-- Monthly figures per delegated power: entered or imported; one row per delegation and month.
CREATE TABLE power_case_month (
	delegation_id BIGINT NOT NULL REFERENCES power_delegation(id),
	month TEXT NOT NULL,                -- YYYY-MM
	received BIGINT NOT NULL,           -- 受理
	done BIGINT NOT NULL,               -- 办结
	done_in_time BIGINT NOT NULL,       -- 按时办结
	days_x100 BIGINT NOT NULL,          -- average working days of the done cases, x100
	good BIGINT NOT NULL,               -- 好评
	bad BIGINT NOT NULL,                -- 差评
	PRIMARY KEY (delegation_id, month)
);

CREATE TABLE power_evaluation (
	id {{ID}},
	delegation_id BIGINT NOT NULL REFERENCES power_delegation(id),
	period_from TEXT NOT NULL,          -- YYYY-MM
	period_to TEXT NOT NULL,
	received BIGINT NOT NULL,
	done BIGINT NOT NULL,
	done_in_time BIGINT NOT NULL,
	avg_days_x100 BIGINT NOT NULL,
	good BIGINT NOT NULL,
	bad BIGINT NOT NULL,
	idle INTEGER NOT NULL,              -- 下放了用不上
	result TEXT NOT NULL CHECK (result IN ('good', 'improve', 'revoke')),
	reason TEXT NOT NULL,
	problems TEXT,
	evaluated_at TEXT NOT NULL,
	evaluated_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX power_evaluation_delegation ON power_evaluation(delegation_id);

-- A zone's list as the public sees it: published (or withdrawn) as a whole.
CREATE TABLE power_list_publication (
	zone_org_id BIGINT PRIMARY KEY REFERENCES org(id),
	published INTEGER NOT NULL,
	changed_at TEXT NOT NULL,
	changed_by BIGINT REFERENCES app_user(id)
);

-- 权责清单 between a zone and its county (art. 3), one row per version; approved versions are
-- kept, a change of an approved list is the next version.
CREATE TABLE duty_list (
	id {{ID}},
	zone_org_id BIGINT NOT NULL REFERENCES org(id),
	county_org_id BIGINT NOT NULL REFERENCES org(id),
	version INTEGER NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned',
		'superseded')),
	cross_posts TEXT,                   -- 交叉任职
	coordination TEXT,                  -- coordination with township (街道) bodies
	comment TEXT,                       -- 编办's comment on approval or return
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id),
	reviewed_at TEXT,
	reviewed_by BIGINT REFERENCES app_user(id),
	UNIQUE (zone_org_id, version)
);

CREATE TABLE duty_item (
	id {{ID}},
	list_id BIGINT NOT NULL REFERENCES duty_list(id),
	seq INTEGER NOT NULL,
	name TEXT NOT NULL,
	holder TEXT NOT NULL CHECK (holder IN ('zone', 'county', 'shared')),
	lead TEXT CHECK (lead IN ('zone', 'county')),   -- shared functions only
	steps TEXT,                         -- 衔接流程: one step a line, "step|days"
	basis TEXT,
	UNIQUE (list_id, seq)
);
