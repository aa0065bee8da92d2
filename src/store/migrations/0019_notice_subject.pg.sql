-- 督办单 done the way offices do it: a notice concerns any entity (entity_type and entity_id,
-- with the label it had when issued; the task it belongs to, when there is one); it is drafted
-- unnumbered (拟稿) before it is issued and numbered (its number text kept, with the 机关代字
-- of that day); the addressed organization signs for it (签收) before it replies; each reply
-- is a row of notice_reply, none replaced; organizations it is copied to (抄送) read it and do
-- not reply. Existing notices keep their numbers; a task or milestone subject becomes the
-- entity; a reply they had becomes their first notice_reply row, and its time their receipt.
-- A task also has the office's contact person for it (联系人, 联系电话), in task_contact.
-- The SQLite twin rebuilds the table to the same columns.

ALTER TABLE supervision_notice ALTER COLUMN year DROP NOT NULL;
ALTER TABLE supervision_notice ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE supervision_notice ALTER COLUMN task_id DROP NOT NULL;
ALTER TABLE supervision_notice ALTER COLUMN issued_at DROP NOT NULL;
ALTER TABLE supervision_notice ADD COLUMN number TEXT;
ALTER TABLE supervision_notice ADD COLUMN entity_type TEXT;
ALTER TABLE supervision_notice ADD COLUMN entity_id BIGINT;
ALTER TABLE supervision_notice ADD COLUMN entity_label TEXT;
ALTER TABLE supervision_notice ADD COLUMN received_at TEXT;
ALTER TABLE supervision_notice ADD COLUMN received_by BIGINT REFERENCES app_user(id);
ALTER TABLE supervision_notice ADD COLUMN created_at TEXT;
ALTER TABLE supervision_notice ADD COLUMN created_by BIGINT REFERENCES app_user(id);
UPDATE supervision_notice n SET
	number = '督办〔' || n.year || '〕' || n.seq || '号',
	entity_type = CASE WHEN n.milestone_id IS NULL THEN 'task' ELSE 'milestone' END,
	entity_id = COALESCE(n.milestone_id, n.task_id),
	entity_label = (SELECT '第' || t.article_number || '条“' || t.title || '”' FROM task t
		WHERE t.id = n.task_id) || COALESCE((SELECT '节点“' || m.title || '”' FROM milestone m
		WHERE m.id = n.milestone_id), ''),
	status = CASE WHEN n.status = 'open' AND n.replied_at IS NOT NULL THEN 'replied'
		ELSE n.status END,
	received_at = n.replied_at,
	received_by = n.replied_by,
	created_at = n.issued_at,
	created_by = n.issued_by;
ALTER TABLE supervision_notice ALTER COLUMN entity_type SET NOT NULL;
ALTER TABLE supervision_notice ALTER COLUMN entity_id SET NOT NULL;
ALTER TABLE supervision_notice ALTER COLUMN entity_label SET NOT NULL;
ALTER TABLE supervision_notice ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE supervision_notice DROP CONSTRAINT supervision_notice_status_check;
ALTER TABLE supervision_notice ADD CONSTRAINT supervision_notice_status_check
	CHECK (status IN ('draft', 'open', 'received', 'replied', 'escalated', 'closed'));

CREATE TABLE notice_reply (
	id {{ID}},
	notice_id BIGINT NOT NULL REFERENCES supervision_notice(id),
	body TEXT NOT NULL,
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id)
);
INSERT INTO notice_reply (notice_id, body, created_at, created_by)
	SELECT id, reply, replied_at, replied_by FROM supervision_notice
	WHERE reply IS NOT NULL ORDER BY id;
ALTER TABLE supervision_notice DROP COLUMN reply;
ALTER TABLE supervision_notice DROP COLUMN milestone_id;
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
