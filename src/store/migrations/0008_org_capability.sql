-- What each organization may confirm, approve or acknowledge (its 职能 in the reform), granted
-- by the office: approve staffing, confirm a revenue statement, acknowledge a pay-plan filing,
-- read personal identifiers, delegate a power. Codes are core/capability.c's catalogue; they
-- are checked there, not here, so that a new capability needs no schema change.

CREATE TABLE org_capability (
	id {{ID}},
	org_id BIGINT NOT NULL REFERENCES org(id),
	capability TEXT NOT NULL,
	granted_by BIGINT REFERENCES app_user(id), -- NULL: the command line (kfq demo, policy import)
	granted_by_name TEXT NOT NULL,             -- the username, or cli:<login>, as audited
	granted_at TEXT NOT NULL,
	note TEXT,                                 -- why: "第7条牵头单位" for seeded grants
	UNIQUE (org_id, capability)
);
CREATE INDEX org_capability_cap ON org_capability(capability);

-- Each capability is seeded from a policy's articles once: the import that first gave it
-- holders is recorded here, and later imports leave that capability to the office.
CREATE TABLE capability_seed (
	capability TEXT PRIMARY KEY,
	policy_id BIGINT NOT NULL REFERENCES policy(id),
	article_number INTEGER NOT NULL,
	seeded_at TEXT NOT NULL
);
