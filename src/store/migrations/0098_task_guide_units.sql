-- A task's guiding units (指导) as the policy text writes them, a JSON array like lead_units:
-- "（生态环境部、工业和信息化部指导）" guides the work, neither leading nor answering for it, so it
-- resolves to no organization and is kept beside the units that do (DECISIONS 244).
ALTER TABLE task ADD COLUMN guide_units TEXT NOT NULL DEFAULT '[]';
