-- Imported policies and the reform tasks made from their articles (one task per article),
-- with the organizations that lead each task and those responsible for it.

CREATE TABLE policy (
	id {{ID}},
	title TEXT NOT NULL,
	title_note TEXT,
	issuer TEXT,
	notice_date TEXT,
	contact_email TEXT,
	contact_phone TEXT,
	window_start TEXT,
	window_end TEXT,
	encoding TEXT NOT NULL,
	source_sha256 TEXT NOT NULL UNIQUE,
	source_text TEXT NOT NULL,
	parsed_json TEXT NOT NULL,
	n_warnings INTEGER NOT NULL,
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id)
);

CREATE TABLE task (
	id {{ID}},
	policy_id BIGINT NOT NULL REFERENCES policy(id),
	article_number INTEGER NOT NULL,
	part_heading TEXT,
	group_heading TEXT,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	lead_units TEXT NOT NULL,        -- JSON array of the units as written
	responsible_units TEXT NOT NULL, -- JSON array of the units as written
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (policy_id, article_number)
);

CREATE TABLE task_org (
	task_id BIGINT NOT NULL REFERENCES task(id),
	org_id BIGINT NOT NULL REFERENCES org(id),
	role TEXT NOT NULL CHECK (role IN ('lead', 'responsible')),
	PRIMARY KEY (task_id, org_id, role)
);
CREATE INDEX task_org_org ON task_org(org_id, role);
