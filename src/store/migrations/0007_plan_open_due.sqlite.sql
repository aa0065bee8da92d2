-- Each plan keeps its open (not done) milestones' due dates, joined by spaces, in the
-- transaction that changes them: the board counts the overdue ones for any day from this one
-- column (plan_count_overdue) instead of scanning milestones. The PostgreSQL twin differs
-- only in the aggregate's name.

ALTER TABLE zone_plan ADD COLUMN open_due TEXT NOT NULL DEFAULT '';
UPDATE zone_plan SET open_due = COALESCE((SELECT group_concat(due_date, ' ') FROM milestone
	WHERE plan_id = zone_plan.id AND removed = 0 AND status <> 'done'), '');

-- late and due-soon lists read open milestones in due order, ties by id: an index in that
-- order stops after a page instead of sorting every late milestone (the board's plan join
-- the old (due_date, plan_id) order served is gone)
DROP INDEX milestone_open_due;
CREATE INDEX milestone_open_due ON milestone(due_date, id) WHERE status <> 'done' AND removed = 0;
