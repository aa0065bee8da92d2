-- Staffing and rosters of the development zones (articles 7-10 of the seed).
-- staffing: per zone and year, the figures 编办 (an organization holding approve_staffing)
-- approves: 编制 by kind, internal bodies, 领导职数 and the 员额 quota, with the document that
-- approved them. Every change is audited (entity type staffing) with its document number, and
-- the audit records are the figures' history. staffing_body: the named internal bodies;
-- staffing_post: the zone's posts (岗位) with their grade, also approved by 编办.
CREATE TABLE staffing (
	id {{ID}},
	org_id BIGINT NOT NULL REFERENCES org(id),
	year INTEGER NOT NULL,
	admin_slots INTEGER NOT NULL CHECK (admin_slots >= 0),  -- 行政编制
	inst_slots INTEGER NOT NULL CHECK (inst_slots >= 0),    -- 事业编制
	bodies INTEGER NOT NULL CHECK (bodies >= 0),            -- 内设机构
	leaders INTEGER NOT NULL CHECK (leaders >= 0),          -- 领导职数
	quota INTEGER NOT NULL CHECK (quota >= 0),              -- 员额
	doc_no TEXT NOT NULL,                                   -- 批复文号
	note TEXT,
	approved_at TEXT NOT NULL,
	approved_by BIGINT REFERENCES app_user(id),
	UNIQUE (org_id, year)
);

CREATE TABLE staffing_body (
	id {{ID}},
	staffing_id BIGINT NOT NULL REFERENCES staffing(id),
	name TEXT NOT NULL,
	UNIQUE (staffing_id, name)
);

CREATE TABLE staffing_post (
	id {{ID}},
	org_id BIGINT NOT NULL REFERENCES org(id),
	name TEXT NOT NULL,
	grade TEXT NOT NULL,                                    -- 职级, as 编办 writes it
	leader INTEGER NOT NULL CHECK (leader IN (0, 1)),       -- counts against 领导职数
	body TEXT,                                              -- the internal body it sits in
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id),
	UNIQUE (org_id, name)
);

-- The roster. The national ID number is kept sealed (id_sealed: libsodium secretbox under the
-- key of the configuration, "v1:" base64 of nonce and box) and as a keyed hash (id_hash) that
-- finds the same person without opening the seal. A person is on the roster from start_date
-- until end_date (exclusive), when end_kind tells how they left.
CREATE TABLE person (
	id {{ID}},
	org_id BIGINT NOT NULL REFERENCES org(id),
	name TEXT NOT NULL,
	id_sealed TEXT NOT NULL,
	id_hash TEXT NOT NULL,
	identity TEXT NOT NULL CHECK (identity IN ('civil_servant', 'civil_servant_ref',
		'institution', 'enterprise', 'contract')),
	file_post TEXT,                                         -- 档案职务
	job_post TEXT,                                          -- 岗位职务
	post_id BIGINT REFERENCES staffing_post(id),
	appointment TEXT NOT NULL CHECK (appointment IN ('appointed', 'hired')),
	approving_committee TEXT,                               -- 聘任 leaders: 批准的党委
	appointing_government TEXT,                             -- and 聘任的政府
	seconded INTEGER NOT NULL CHECK (seconded IN (0, 1)),   -- 挂职
	seconded_from TEXT,
	secondment_start TEXT,
	secondment_end TEXT,
	retained INTEGER NOT NULL CHECK (retained IN (0, 1)),   -- the secondment ended 提拔留任
	paid_by_zone INTEGER NOT NULL CHECK (paid_by_zone IN (0, 1)),
	start_date TEXT NOT NULL,
	end_date TEXT,
	end_kind TEXT CHECK (end_kind IN ('returned', 'secondment_over', 'left')),
	end_reason TEXT,
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX person_org ON person(org_id, end_date);
CREATE INDEX person_id_hash ON person(id_hash);
CREATE INDEX person_post ON person(post_id);
