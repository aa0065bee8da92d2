-- Art. 15 (建立奖优罚劣机制), for 市委组织部: the rewards and adjustments of zone leaders
-- (promote 优先提拔使用, adjust 及时调整, kept 容错免责后不予调整) recorded against the zone's
-- assessment grade of a year that justified them (the grade as it was when recorded), or the
-- fault case that kept the leader. Recorded by an organization holding record_leader_action.
CREATE TABLE leader_action (
	id {{ID}},
	org_id BIGINT NOT NULL REFERENCES org(id),
	person_id BIGINT NOT NULL REFERENCES person(id),
	kind TEXT NOT NULL CHECK (kind IN ('promote', 'adjust', 'kept')),
	year INTEGER NOT NULL,
	grade TEXT,
	fault_case_id BIGINT REFERENCES fault_case(id),
	basis TEXT NOT NULL,
	doc_no TEXT,
	recorded_org_id BIGINT REFERENCES org(id),
	recorded_at TEXT NOT NULL,
	recorded_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX leader_action_org ON leader_action (org_id, year);
