-- Social-affairs hand-over (art. 2), 高效办成一件事 with the problems enterprises report (art. 4),
-- and the rules each department must adjust (art. 17).

-- A social-affairs function a zone still carries and its hand-over to the local government.
CREATE TABLE social_affair (
	id {{ID}},
	zone_org_id BIGINT NOT NULL REFERENCES org(id),
	category TEXT NOT NULL,             -- core/enums.c enum_social_category
	name TEXT NOT NULL,                 -- the function as the zone names it
	receiving_body TEXT,                -- who takes it over (the county's bureau, the 街道)
	target_date TEXT,                   -- YYYY-MM-DD
	status TEXT NOT NULL CHECK (status IN ('carrying', 'planned', 'handing_over', 'handed_over')),
	evidence TEXT,                      -- documents of the hand-over (文号, 协议)
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by BIGINT REFERENCES app_user(id),
	UNIQUE (zone_org_id, name)
);

-- 高效办成一件事: a key matter, the powers it combines, the promised time and steps.
CREATE TABLE key_matter (
	id {{ID}},
	name TEXT NOT NULL UNIQUE,
	lead_org_id BIGINT NOT NULL REFERENCES org(id),
	promised_days INTEGER NOT NULL,     -- working days for the whole matter
	steps TEXT NOT NULL,                -- one step a line
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE TABLE key_matter_power (
	matter_id BIGINT NOT NULL REFERENCES key_matter(id) ON DELETE CASCADE,
	power_id BIGINT NOT NULL REFERENCES power_item(id),
	PRIMARY KEY (matter_id, power_id)
);

-- A problem an enterprise reported (堵点卡点), tracked to closure. The enterprise follows it with a
-- query code it is given once; only the code's SHA-256 is kept.
CREATE TABLE matter_problem (
	id {{ID}},
	matter_id BIGINT REFERENCES key_matter(id),
	zone_org_id BIGINT REFERENCES org(id),
	enterprise TEXT NOT NULL,
	contact_phone TEXT,                 -- personal: masked unless read_personal
	source TEXT NOT NULL CHECK (source IN ('hotline', 'visit', 'other')),
	description TEXT NOT NULL,
	handler_org_id BIGINT NOT NULL REFERENCES org(id),
	status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
	answer TEXT,
	due_date TEXT NOT NULL,             -- the answer is due: working days from the report
	code_hash TEXT NOT NULL UNIQUE,
	reported_at TEXT NOT NULL,
	reported_by BIGINT REFERENCES app_user(id),
	reporter_org_id BIGINT NOT NULL REFERENCES org(id),
	answered_at TEXT,
	closed_at TEXT,
	closing_note TEXT
);
CREATE INDEX matter_problem_handler ON matter_problem(handler_org_id, status);

-- What the reform requires a department to change (art. 17): its own 规范性文件, or provisions of
-- 地方性法规, 政府规章 or 市级文件 whose implementation must be temporarily adjusted.
CREATE TABLE rule_adjustment (
	id {{ID}},
	dept_org_id BIGINT NOT NULL REFERENCES org(id),
	kind TEXT NOT NULL,                 -- core/enums.c enum_rule_kind
	title TEXT NOT NULL,                -- the document
	provision TEXT,                     -- the article or provision
	change TEXT NOT NULL,               -- what must change
	procedure TEXT NOT NULL,            -- the procedure it needs (按规定程序办理)
	target_date TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
	result_document TEXT,               -- the resulting document
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	updated_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX rule_adjustment_dept ON rule_adjustment(dept_org_id, status);
