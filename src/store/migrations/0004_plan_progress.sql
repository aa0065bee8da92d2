-- 一区一策: each responsible zone's (or county's) plan for a task, its milestones, progress
-- reports on them and the evidence files behind the reports. Dates are ISO YYYY-MM-DD in
-- Asia/Shanghai; times RFC 3339 UTC.

CREATE TABLE zone_plan (
	id {{ID}},
	task_id BIGINT NOT NULL REFERENCES task(id),
	org_id BIGINT NOT NULL REFERENCES org(id),
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
	version INTEGER NOT NULL DEFAULT 1,    -- approvals so far + 1 while changes are pending
	-- over the plan's milestones, kept in the transaction that changes them: the board reads
	-- these instead of every milestone
	sum_weighted BIGINT NOT NULL DEFAULT 0, -- Σ weight × percent
	sum_weight BIGINT NOT NULL DEFAULT 0,   -- Σ weight
	n_milestones INTEGER NOT NULL DEFAULT 0,
	review_comment TEXT,
	submitted_at TEXT,
	reviewed_at TEXT,
	reviewed_by BIGINT REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (task_id, org_id)
);
CREATE INDEX zone_plan_org ON zone_plan(org_id);

CREATE TABLE milestone (
	id {{ID}},
	plan_id BIGINT NOT NULL REFERENCES zone_plan(id),
	seq INTEGER NOT NULL,
	title TEXT NOT NULL,
	deliverable TEXT NOT NULL,
	owner_org_id BIGINT REFERENCES org(id),
	owner_person TEXT,
	start_date TEXT NOT NULL,
	due_date TEXT NOT NULL,
	weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
	status TEXT NOT NULL DEFAULT 'not_started'
		CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
	percent INTEGER NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
	last_report_date TEXT,                -- date of the latest report, for staleness
	removed INTEGER NOT NULL DEFAULT 0     -- dropped from the plan; kept for its history
);
CREATE INDEX milestone_plan ON milestone(plan_id, due_date);
CREATE INDEX milestone_due ON milestone(due_date);
-- the milestones that can be late, by due date: what the board counts as overdue
CREATE INDEX milestone_open_due ON milestone(due_date, plan_id) WHERE status <> 'done' AND removed = 0;

-- The milestones as approved, one row per approval: the plan's history.
CREATE TABLE plan_version (
	plan_id BIGINT NOT NULL REFERENCES zone_plan(id),
	version INTEGER NOT NULL,
	milestones_json TEXT NOT NULL,
	approved_at TEXT NOT NULL,
	approved_by BIGINT REFERENCES app_user(id),
	PRIMARY KEY (plan_id, version)
);

CREATE TABLE progress_report (
	id {{ID}},
	milestone_id BIGINT NOT NULL REFERENCES milestone(id),
	status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
	percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
	narrative TEXT NOT NULL,
	state TEXT NOT NULL CHECK (state IN ('submitted', 'accepted', 'returned')),
	review_comment TEXT,
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id),
	reviewed_at TEXT,
	reviewed_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX progress_report_milestone ON progress_report(milestone_id);

-- Uploaded files, stored once by content hash under the data directory; a report refers to
-- them by id.
CREATE TABLE evidence (
	id {{ID}},
	sha256 TEXT NOT NULL,
	filename TEXT NOT NULL,
	mime TEXT NOT NULL,
	size BIGINT NOT NULL,
	org_id BIGINT NOT NULL REFERENCES org(id),
	report_id BIGINT REFERENCES progress_report(id),
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX evidence_report ON evidence(report_id);

-- Bumped in every transaction that changes plans, milestones or reports, so that aggregates
-- computed from them (the supervision board) can be reused until something changes, across
-- processes too.
CREATE TABLE plan_change (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n BIGINT NOT NULL
);
INSERT INTO plan_change (id, n) VALUES (1, 0);
