-- Role changes waiting for the security officer. When the administrator changes an account so
-- that it may approve more (a new kind of approval, or the same over more organizations:
-- core/account.c decides), the change is kept here, pending, and the account stays as it was
-- until the security officer confirms it (then it is applied, in the same transaction) or
-- rejects it. A later change of the same account supersedes a pending one. Every step is
-- audited (entity type role_change).
CREATE TABLE role_change (
	id {{ID}},
	user_id BIGINT NOT NULL REFERENCES app_user(id),
	-- the account when the change was proposed
	from_role TEXT NOT NULL,
	from_data_scope TEXT NOT NULL,
	from_org_id BIGINT NOT NULL REFERENCES org(id),
	-- the account as proposed
	display_name TEXT NOT NULL,
	org_id BIGINT NOT NULL REFERENCES org(id),
	role TEXT NOT NULL,
	data_scope TEXT NOT NULL CHECK (data_scope IN ('all', 'org', 'org_and_below', 'custom', 'self')),
	phone TEXT,
	job_title TEXT,
	status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'superseded')),
	proposed_by BIGINT NOT NULL REFERENCES app_user(id),
	proposed_at TEXT NOT NULL,
	decided_by BIGINT REFERENCES app_user(id),
	decided_at TEXT,
	comment TEXT                                -- the security officer's reason for a rejection
);
CREATE INDEX role_change_user ON role_change(user_id, status);
CREATE INDEX role_change_status ON role_change(status, id);

-- The custom data scope of a proposed change.
CREATE TABLE role_change_org (
	change_id BIGINT NOT NULL REFERENCES role_change(id) ON DELETE CASCADE,
	org_id BIGINT NOT NULL REFERENCES org(id),
	PRIMARY KEY (change_id, org_id)
);
