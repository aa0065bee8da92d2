-- 督办单 done the way offices do it: a notice concerns any entity (entity_type and entity_id,
-- with the label it had when issued; the task it belongs to, when there is one); it is drafted
-- unnumbered (拟稿) before it is issued and numbered (its number text kept, with the 机关代字
-- of that day); the addressed organization signs for it (签收) before it replies; each reply
-- is a row of notice_reply, none replaced; organizations it is copied to (抄送) read it and do
-- not reply. Existing notices keep their numbers; a task or milestone subject becomes the
-- entity; a reply they had becomes their first notice_reply row, and its time their receipt.
-- A task also has the office's contact person for it (联系人, 联系电话), in task_contact.
-- SQLite cannot drop NOT NULL or a column with a foreign key: the table is rebuilt (new table,
-- copy, drop, rename); nothing referenced it before. The PostgreSQL twin alters it in place.

CREATE TABLE supervision_notice_0019 (
	id {{ID}},
	year INTEGER,                        -- NULL while a draft
	seq INTEGER,                         -- 1, 2, ... within the year; NULL while a draft
	number TEXT,                         -- 督办〔year〕seq号 as issued; NULL while a draft
	org_id BIGINT NOT NULL REFERENCES org(id),
	entity_type TEXT NOT NULL,           -- what it concerns: task, milestone, plan, org, ...
	entity_id BIGINT NOT NULL,
	entity_label TEXT NOT NULL,          -- how it was named when the notice was written
	task_id BIGINT REFERENCES task(id),  -- the task the entity belongs to, if any
	subject TEXT NOT NULL,
	body TEXT NOT NULL,
	reply_due TEXT NOT NULL,             -- ISO date, Asia/Shanghai
	status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'received', 'replied', 'escalated',
	                                       'closed')),
	received_at TEXT,
	received_by BIGINT REFERENCES app_user(id),
	replied_at TEXT,                     -- the latest reply
	replied_by BIGINT REFERENCES app_user(id),
	closing_comment TEXT,
	closed_at TEXT,
	closed_by BIGINT REFERENCES app_user(id),
	escalation_comment TEXT,
	escalated_at TEXT,
	escalated_by BIGINT REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id),
	issued_at TEXT,
	issued_by BIGINT REFERENCES app_user(id),
	UNIQUE (year, seq)
);
INSERT INTO supervision_notice_0019 (id, year, seq, number, org_id, entity_type, entity_id,
	entity_label, task_id, subject, body, reply_due, status, received_at, received_by,
	replied_at, replied_by, closing_comment, closed_at, closed_by, escalation_comment,
	escalated_at, escalated_by, created_at, created_by, issued_at, issued_by)
SELECT n.id, n.year, n.seq, '督办〔' || n.year || '〕' || n.seq || '号', n.org_id,
	CASE WHEN n.milestone_id IS NULL THEN 'task' ELSE 'milestone' END,
	COALESCE(n.milestone_id, n.task_id),
	'第' || t.article_number || '条“' || t.title || '”' ||
		CASE WHEN m.id IS NULL THEN '' ELSE '节点“' || m.title || '”' END,
	n.task_id, n.subject, n.body, n.reply_due,
	CASE WHEN n.status = 'open' AND n.replied_at IS NOT NULL THEN 'replied' ELSE n.status END,
	n.replied_at, n.replied_by, n.replied_at, n.replied_by, n.closing_comment, n.closed_at,
	n.closed_by, n.escalation_comment, n.escalated_at, n.escalated_by, n.issued_at, n.issued_by,
	n.issued_at, n.issued_by
FROM supervision_notice n JOIN task t ON t.id = n.task_id LEFT JOIN milestone m ON m.id = n.milestone_id;

-- made beside the new table (the rename below points its reference at supervision_notice)
CREATE TABLE notice_reply (
	id {{ID}},
	notice_id BIGINT NOT NULL REFERENCES supervision_notice_0019(id),
	body TEXT NOT NULL,
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id)
);
INSERT INTO notice_reply (notice_id, body, created_at, created_by)
	SELECT id, reply, replied_at, replied_by FROM supervision_notice
	WHERE reply IS NOT NULL ORDER BY id;

-- new ids stay above every id the old table gave
DELETE FROM sqlite_sequence WHERE name = 'supervision_notice_0019';
INSERT INTO sqlite_sequence (name, seq)
	SELECT 'supervision_notice_0019', seq FROM sqlite_sequence WHERE name = 'supervision_notice';
DROP TABLE supervision_notice;
ALTER TABLE supervision_notice_0019 RENAME TO supervision_notice;
CREATE INDEX supervision_notice_org ON supervision_notice(org_id, status);
CREATE INDEX supervision_notice_task ON supervision_notice(task_id);
CREATE INDEX supervision_notice_entity ON supervision_notice(entity_type, entity_id);
CREATE INDEX notice_reply_notice ON notice_reply(notice_id, id);

CREATE TABLE notice_cc (
	notice_id BIGINT NOT NULL REFERENCES supervision_notice(id),
	org_id BIGINT NOT NULL REFERENCES org(id),
	PRIMARY KEY (notice_id, org_id)
);
CREATE INDEX notice_cc_org ON notice_cc(org_id);

-- in a table of its own, so that a rebuild of task (0015's on SQLite) cannot lose it
CREATE TABLE task_contact (
	task_id BIGINT PRIMARY KEY REFERENCES task(id),
	contact_name TEXT,
	contact_phone TEXT
);
