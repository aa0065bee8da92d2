-- A change to an approved plan is a proposed revision beside the version that rules: the
-- milestones table keeps the approved (ruling) milestones until the office approves the
-- revision, which then applies it. Who submitted a plan is kept, so that nobody approves what
-- they submitted. A milestone with reports is never deleted: a revision closes it with a
-- reason (removed = 1 with closed_reason set), and it stays readable with its reports. The day a
-- milestone was finished (the day of the done report accepted) tells 逾期完成 from
-- 按期完成. The SQLite twin differs only in the date arithmetic of the backfill: the
-- two engines share no function that turns a UTC time into a Shanghai date, and one file
-- would have to spell the calendar out (month lengths, leap years) in CASE expressions.

ALTER TABLE zone_plan ADD COLUMN submitted_by BIGINT REFERENCES app_user(id);
ALTER TABLE milestone ADD COLUMN closed_reason TEXT;
ALTER TABLE milestone ADD COLUMN closed_at TEXT;
ALTER TABLE milestone ADD COLUMN done_date TEXT;

-- one open revision (draft, submitted, returned) per plan at a time; approved ones are history
CREATE TABLE plan_revision (
	id {{ID}},
	plan_id BIGINT NOT NULL REFERENCES zone_plan(id),
	version INTEGER NOT NULL, -- the plan's version once this revision is approved
	status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
	review_comment TEXT,
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id),
	updated_at TEXT NOT NULL,
	submitted_at TEXT,
	submitted_by BIGINT REFERENCES app_user(id),
	reviewed_at TEXT,
	reviewed_by BIGINT REFERENCES app_user(id),
	UNIQUE (plan_id, version)
);
CREATE INDEX plan_revision_status ON plan_revision(status, plan_id);

-- the milestones a revision proposes, in order: a ruling milestone changed (milestone_id) or a
-- new one (milestone_id NULL)
CREATE TABLE revision_milestone (
	revision_id BIGINT NOT NULL REFERENCES plan_revision(id),
	seq INTEGER NOT NULL,
	milestone_id BIGINT REFERENCES milestone(id),
	title TEXT NOT NULL,
	deliverable TEXT NOT NULL,
	owner_org_id BIGINT REFERENCES org(id),
	owner_person TEXT,
	start_date TEXT NOT NULL,
	due_date TEXT NOT NULL,
	weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
	PRIMARY KEY (revision_id, seq)
);

-- the ruling milestones a revision closes, each with its reason
CREATE TABLE revision_close (
	revision_id BIGINT NOT NULL REFERENCES plan_revision(id),
	milestone_id BIGINT NOT NULL REFERENCES milestone(id),
	reason TEXT NOT NULL,
	PRIMARY KEY (revision_id, milestone_id)
);

-- the reports waiting for review, per milestone (the 待审核 mark on milestone rows)
CREATE INDEX progress_report_state ON progress_report(state, milestone_id);

-- the Shanghai day a report was made (填报日期): the day a done report finishes its milestone
ALTER TABLE progress_report ADD COLUMN report_date TEXT;
UPDATE progress_report SET report_date = to_char(created_at::timestamptz AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD');
UPDATE milestone SET done_date = (SELECT r.report_date FROM progress_report r
	WHERE r.milestone_id = milestone.id AND r.state = 'accepted' AND r.status = 'done'
	ORDER BY r.id DESC LIMIT 1) WHERE status = 'done';
