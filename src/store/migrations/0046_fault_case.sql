-- 容错免责 (article 18 of the seed). fault_case: a case about a unit (org_id) or a person of a
-- zone's roster (person_id, org_id their zone): what happened, the decision it came from, the
-- three conditions (符合决策程序, 勤勉尽责, 未谋取私利) each answered (NULL unanswered, 1 met,
-- 0 not met) with a statement and evidence files (attachments of types fault_procedure,
-- fault_diligence, fault_no_gain), which 三个区分开来 distinction applies (core/fault.c), and
-- the decision (exempt 免责, reduced 减责, refused 不予免责) with its reason by an organization
-- holding decide_fault; its effect (waive_deduction: the year's assessment deduction waived,
-- leader_kept: the leader not adjusted). The office administers cases and never decides them.
-- redact_names: further names (one a line) the case library must not show.
-- fault_library: the published case (案例指导), its texts with personal names removed when
-- published; the public reads only this table. Every change is audited.
CREATE TABLE fault_case (
	id {{ID}},
	title TEXT NOT NULL,
	subject_kind TEXT NOT NULL CHECK (subject_kind IN ('unit', 'person')),
	org_id BIGINT NOT NULL REFERENCES org(id),
	person_id BIGINT REFERENCES person(id),
	happened TEXT NOT NULL,
	source_decision TEXT NOT NULL,
	procedure_met INTEGER CHECK (procedure_met IN (0, 1)),
	procedure_note TEXT,
	diligence_met INTEGER CHECK (diligence_met IN (0, 1)),
	diligence_note TEXT,
	no_gain_met INTEGER CHECK (no_gain_met IN (0, 1)),
	no_gain_note TEXT,
	distinction TEXT,
	redact_names TEXT,
	status TEXT NOT NULL CHECK (status IN ('open', 'decided')),
	decision TEXT CHECK (decision IN ('exempt', 'reduced', 'refused')),
	reason TEXT,
	decided_org_id BIGINT REFERENCES org(id),
	decided_at TEXT,
	decided_by BIGINT REFERENCES app_user(id),
	effect TEXT NOT NULL DEFAULT 'none' CHECK (effect IN ('none', 'waive_deduction', 'leader_kept')),
	effect_year INTEGER,
	effect_note TEXT,
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id),
	updated_at TEXT NOT NULL
);
CREATE INDEX fault_case_org ON fault_case (org_id);

CREATE TABLE fault_library (
	id {{ID}},
	case_id BIGINT NOT NULL UNIQUE REFERENCES fault_case(id),
	title TEXT NOT NULL,
	org_name TEXT NOT NULL,
	happened TEXT NOT NULL,
	distinction TEXT NOT NULL,
	decision TEXT NOT NULL,
	reason TEXT NOT NULL,
	decided_org_name TEXT NOT NULL,
	lesson TEXT,
	published_at TEXT NOT NULL,
	published_by BIGINT REFERENCES app_user(id)
);
