-- kfq: foreign keys off while this runs
-- A notice's status CHECK as comparisons (DECISIONS 250): SQLite evaluated `status IN (six
-- values)` through an ephemeral index it built at every INSERT and UPDATE of a notice, about
-- 5 % of a 督办单 create's instructions. The table is rebuilt with the same columns, values, ids
-- and AUTOINCREMENT counter, and its indexes made again; notice_cc and notice_reply name it by
-- name and are untouched, their rows checked by the migration runner's foreign key check. No
-- trigger or view names it.
CREATE TABLE supervision_notice_cmp (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
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
	status TEXT NOT NULL CHECK (status = 'draft' OR status = 'open' OR status = 'received' OR
	                            status = 'replied' OR status = 'escalated' OR status = 'closed'),
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
INSERT INTO supervision_notice_cmp (id, year, seq, number, org_id, entity_type, entity_id,
	entity_label, task_id, subject, body, reply_due, status, received_at, received_by, replied_at,
	replied_by, closing_comment, closed_at, closed_by, escalation_comment, escalated_at,
	escalated_by, created_at, created_by, issued_at, issued_by)
SELECT id, year, seq, number, org_id, entity_type, entity_id, entity_label, task_id, subject,
	body, reply_due, status, received_at, received_by, replied_at, replied_by, closing_comment,
	closed_at, closed_by, escalation_comment, escalated_at, escalated_by, created_at, created_by,
	issued_at, issued_by FROM supervision_notice ORDER BY id;
-- the counter as it was: a deleted draft's id above every row's is never given again
UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name =
	'supervision_notice'), 0)) WHERE name = 'supervision_notice_cmp';
DROP TABLE supervision_notice;
ALTER TABLE supervision_notice_cmp RENAME TO supervision_notice;
CREATE INDEX supervision_notice_org ON supervision_notice(org_id, status);
CREATE INDEX supervision_notice_task ON supervision_notice(task_id);
CREATE INDEX supervision_notice_entity ON supervision_notice(entity_type, entity_id);
