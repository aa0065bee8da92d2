-- 督办单: who closed a notice, and the escalation (升级督办) with its reason and time, kept
-- beside the closing comment instead of overwriting it.

ALTER TABLE supervision_notice ADD COLUMN closed_by BIGINT REFERENCES app_user(id);
ALTER TABLE supervision_notice ADD COLUMN escalation_comment TEXT;
ALTER TABLE supervision_notice ADD COLUMN escalated_at TEXT;
ALTER TABLE supervision_notice ADD COLUMN escalated_by BIGINT REFERENCES app_user(id);
CREATE INDEX supervision_notice_task ON supervision_notice(task_id);
