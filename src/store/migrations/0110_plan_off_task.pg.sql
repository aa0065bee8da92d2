-- The day (Asia/Shanghai, YYYY-MM-DD) a plan's organization was taken off its task's
-- responsible units; NULL while it is among them (DECISIONS 264): SQLite's twin says more. The
-- dialects differ in the conversion of the audit log's UTC time to the day in Beijing.
ALTER TABLE zone_plan ADD COLUMN off_task_on TEXT;
UPDATE zone_plan SET off_task_on = to_char(COALESCE((SELECT MAX(a.time) FROM audit_log a
	WHERE a.entity_type = 'task' AND a.entity_id = CAST(zone_plan.task_id AS TEXT)
	AND a.action = 'update_orgs'), (SELECT t.updated_at FROM task t
	WHERE t.id = zone_plan.task_id))::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')
WHERE NOT EXISTS (SELECT 1 FROM task_org x WHERE x.task_id = zone_plan.task_id
	AND x.org_id = zone_plan.org_id AND x.role = 'responsible');
