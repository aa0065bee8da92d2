-- A task keeps what its article says besides the units: the scope where the measure applies
-- (适用范围), the deadline as written and as the last day of the period it names (ISO date),
-- where its units came from (lines, labelled, paren, paren_rule, prose, mixed; NULL for tasks
-- imported before this migration) and the line of the first-listed-leads rule it followed.
-- Article numbers may repeat inside one policy (国发〔2019〕3号 numbers its principles 1–4 and
-- its tasks 1–21; other documents restart per part): the uniqueness of (policy_id,
-- article_number) goes. The SQLite twin rebuilds the table to the same effect.

ALTER TABLE task DROP CONSTRAINT task_policy_id_article_number_key;
ALTER TABLE task ADD COLUMN scope TEXT;
ALTER TABLE task ADD COLUMN deadline_text TEXT;
ALTER TABLE task ADD COLUMN deadline_date TEXT;
ALTER TABLE task ADD COLUMN unit_source TEXT;
ALTER TABLE task ADD COLUMN lead_rule_line INTEGER;
CREATE INDEX task_policy ON task(policy_id, id);
