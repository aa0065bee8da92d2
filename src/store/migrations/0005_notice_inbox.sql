-- 督办单 (supervision notices) and each user's in-app inbox.

CREATE TABLE supervision_notice (
	id {{ID}},
	year INTEGER NOT NULL,
	seq INTEGER NOT NULL,                -- 督办〔year〕seq号
	org_id BIGINT NOT NULL REFERENCES org(id),
	task_id BIGINT NOT NULL REFERENCES task(id),
	milestone_id BIGINT REFERENCES milestone(id),
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	reply_due TEXT NOT NULL,             -- ISO date, Asia/Shanghai
	status TEXT NOT NULL CHECK (status IN ('open', 'replied', 'closed', 'escalated')),
	reply TEXT,
	replied_at TEXT,
	replied_by BIGINT REFERENCES app_user(id),
	closing_comment TEXT,
	closed_at TEXT,
	issued_at TEXT NOT NULL,
	issued_by BIGINT REFERENCES app_user(id),
	UNIQUE (year, seq)
);
CREATE INDEX supervision_notice_org ON supervision_notice(org_id, status);

CREATE TABLE inbox (
	id {{ID}},
	user_id BIGINT NOT NULL REFERENCES app_user(id),
	kind TEXT NOT NULL,                  -- due_soon, overdue, returned, notice, ...
	title TEXT NOT NULL,
	link TEXT,                           -- a path in the web app
	dedupe_key TEXT NOT NULL,            -- one item per user and key (kfq remind runs daily)
	created_at TEXT NOT NULL,
	read_at TEXT,
	UNIQUE (user_id, dedupe_key)
);
CREATE INDEX inbox_user ON inbox(user_id, read_at);
