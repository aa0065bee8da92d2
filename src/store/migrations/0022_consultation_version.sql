-- Revised texts of a consultation's draft (修改稿, 送审稿…) imported as versions of the same
-- consultation: text only, they never create or change tasks. The draft itself (the
-- consultation's policy) is version 1; these are 2, 3, … The last one is the final version
-- (终稿) until the office creates tasks from it (tasks_policy_id set): after that no version is
-- added.
CREATE TABLE consultation_version (
	id {{ID}},
	consultation_id BIGINT NOT NULL REFERENCES consultation(id),
	seq INTEGER NOT NULL,              -- 2, 3, …
	title TEXT NOT NULL,
	title_note TEXT,                   -- as the text calls itself: 送审稿, 修改稿…
	note TEXT,                         -- the office's 版本说明
	source_sha256 TEXT NOT NULL,
	source_text TEXT NOT NULL,         -- as imported (UTF-8)
	parsed_json TEXT NOT NULL,         -- the parser's output, as policy.parsed_json
	n_articles INTEGER NOT NULL,
	tasks_policy_id BIGINT REFERENCES policy(id), -- the policy its tasks were created as
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id),
	UNIQUE (consultation_id, seq),
	UNIQUE (consultation_id, source_sha256)
);

-- What creating tasks from the final version flagged: each article added, removed, moved or
-- changed against the draft whose tasks were made already, with the tasks on both sides.
CREATE TABLE consultation_task_flag (
	id {{ID}},
	version_id BIGINT NOT NULL REFERENCES consultation_version(id),
	seq INTEGER NOT NULL,              -- the diff's order
	status TEXT NOT NULL CHECK (status IN ('changed', 'added', 'removed', 'unchanged')),
	moved INTEGER NOT NULL,
	old_number INTEGER,                -- the draft's article; NULL when added
	new_number INTEGER,                -- the final version's; NULL when removed
	old_task_id BIGINT REFERENCES task(id),
	new_task_id BIGINT REFERENCES task(id),
	similarity_bp INTEGER NOT NULL,
	UNIQUE (version_id, seq)
);
