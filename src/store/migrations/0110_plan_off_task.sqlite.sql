-- The day (Asia/Shanghai, YYYY-MM-DD) a plan's organization was taken off its task's
-- responsible units; NULL while it is among them (DECISIONS 264). PUT /api/tasks/:id/orgs
-- writes it in its transaction, and clears it when the organization is put back. From that day
-- the plan counts nowhere a zone is counted as late or owing (the board, the ranking, the lists
-- across plans, the zone's to-dos) and stays readable as its record. A plan already off its
-- task is taken off on the day of the task's last change of units in the audit log (else the
-- task's last change).
ALTER TABLE zone_plan ADD COLUMN off_task_on TEXT;
UPDATE zone_plan SET off_task_on = date(COALESCE((SELECT MAX(a.time) FROM audit_log a
	WHERE a.entity_type = 'task' AND a.entity_id = CAST(zone_plan.task_id AS TEXT)
	AND a.action = 'update_orgs'), (SELECT t.updated_at FROM task t
	WHERE t.id = zone_plan.task_id)), '+8 hours')
WHERE NOT EXISTS (SELECT 1 FROM task_org x WHERE x.task_id = zone_plan.task_id
	AND x.org_id = zone_plan.org_id AND x.role = 'responsible');
