-- kfq: foreign keys off while this runs
-- A task keeps what its article says besides the units: the scope where the measure applies
-- (适用范围), the deadline as written and as the last day of the period it names (ISO date),
-- where its units came from (lines, labelled, paren, paren_rule, prose, mixed; NULL for tasks
-- imported before this migration) and the line of the first-listed-leads rule it followed.
-- Article numbers may repeat inside one policy (国发〔2019〕3号 numbers its principles 1–4 and
-- its tasks 1–21; other documents restart per part): the uniqueness of (policy_id,
-- article_number) goes. SQLite cannot drop a constraint, so the table is rebuilt the way its
-- documentation prescribes (new table, copy, drop, rename; foreign keys off meanwhile, see
-- migrate.c): the tables that reference "task" then reference the new one, with the same
-- ids. The PostgreSQL twin drops the constraint and adds the columns.

CREATE TABLE task_0015 (
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
	scope TEXT,                      -- 适用范围 as written
	deadline_text TEXT,              -- 完成时限 as written
	deadline_date TEXT,              -- YYYY-MM-DD, the last day of the period it names
	unit_source TEXT,                -- lines | labelled | paren | paren_rule | prose | mixed | none
	lead_rule_line INTEGER           -- paren_rule: the line where the rule was stated
);
INSERT INTO task_0015 (id, policy_id, article_number, part_heading, group_heading, title, body,
                       lead_units, responsible_units, created_at, updated_at)
	SELECT id, policy_id, article_number, part_heading, group_heading, title, body, lead_units,
	       responsible_units, created_at, updated_at
	FROM task;
-- new ids stay above every id the old table ever gave
DELETE FROM sqlite_sequence WHERE name = 'task_0015';
INSERT INTO sqlite_sequence (name, seq) SELECT 'task_0015', seq FROM sqlite_sequence WHERE name = 'task';
DROP TABLE task;
ALTER TABLE task_0015 RENAME TO task;
CREATE INDEX task_policy ON task(policy_id, id);
