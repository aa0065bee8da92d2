-- Organizations, accounts, sessions, and the hash-chained audit log.
-- Portable SQL for SQLite and PostgreSQL; {{ID}} is each backend's auto-increment key.
-- Times are TEXT in RFC 3339 UTC ("2026-11-28T03:00:00Z"), so they sort as strings.

CREATE TABLE org (
	id {{ID}},
	parent_id BIGINT REFERENCES org(id),
	name TEXT NOT NULL UNIQUE,
	type TEXT NOT NULL CHECK (type IN ('city_department', 'county', 'zone', 'platform_company', 'supervisory_body')),
	level TEXT CHECK (level IN ('national', 'provincial', 'municipal')),
	is_sample INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX org_parent ON org(parent_id);

-- Other ways the same body is written (商务局 for 市商务局). An alias never equals a name.
CREATE TABLE org_alias (
	alias TEXT PRIMARY KEY,
	org_id BIGINT NOT NULL REFERENCES org(id) ON DELETE CASCADE
);
CREATE INDEX org_alias_org ON org_alias(org_id);

CREATE TABLE app_user (
	id {{ID}},
	username TEXT NOT NULL UNIQUE,
	display_name TEXT NOT NULL,
	org_id BIGINT NOT NULL REFERENCES org(id),
	role TEXT NOT NULL CHECK (role IN ('admin', 'office', 'department', 'zone', 'county', 'supervisor', 'auditor')),
	data_scope TEXT NOT NULL CHECK (data_scope IN ('all', 'org', 'org_and_below', 'custom', 'self')),
	password_hash TEXT NOT NULL,
	must_change INTEGER NOT NULL DEFAULT 0,
	failed_count INTEGER NOT NULL DEFAULT 0,
	locked_until BIGINT, -- epoch seconds; NULL = not locked
	disabled INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	last_login_at TEXT
);
CREATE INDEX app_user_org ON app_user(org_id);

-- The custom data scope: the organizations a user may see.
CREATE TABLE user_scope_org (
	user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	org_id BIGINT NOT NULL REFERENCES org(id),
	PRIMARY KEY (user_id, org_id)
);

-- Sessions live in the database so several kfq serve processes share them.
-- Only the token's hash is stored.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id BIGINT NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
	csrf_token TEXT NOT NULL,
	client_addr TEXT NOT NULL,
	created_at TEXT NOT NULL,
	last_seen BIGINT NOT NULL -- epoch seconds
);
CREATE INDEX session_by_user ON session(user_id);

CREATE TABLE audit_log (
	seq BIGINT PRIMARY KEY,
	time TEXT NOT NULL,
	user_id BIGINT,
	username TEXT,
	org_id BIGINT,
	client_addr TEXT NOT NULL,
	action TEXT NOT NULL,
	entity_type TEXT NOT NULL,
	entity_id TEXT,
	before_json TEXT,
	after_json TEXT,
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL,
	canon TEXT NOT NULL
);
CREATE INDEX audit_log_time ON audit_log(time);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
CREATE INDEX audit_log_user ON audit_log(user_id);

-- The chain's head, updated in the same transaction as each append, so that removing the
-- newest records is detected too.
CREATE TABLE audit_head (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	seq BIGINT NOT NULL,
	hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
