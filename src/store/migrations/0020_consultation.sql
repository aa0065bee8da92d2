-- Public consultations (征求意见) made from an imported policy, their draft articles, the
-- comments taken (on the web page or recorded by the office from other channels), the points a
-- comment is split into with their dispositions, and the changes of a window.
-- Times are RFC 3339 UTC; a window is half-open [window_start, window_end). Whether a
-- consultation is open or closed is computed from the window and the clock of each request;
-- only people's actions are stored (released_at, report_published_at, window changes).

CREATE TABLE consultation (
	id {{ID}},
	policy_id BIGINT NOT NULL REFERENCES policy(id),
	title TEXT NOT NULL,
	issuer TEXT,
	notice_text TEXT,
	contact_email TEXT,
	contact_phone TEXT,
	window_start TEXT NOT NULL,
	window_end TEXT NOT NULL,
	released_at TEXT,                  -- NULL: 草稿, not shown to the public
	released_by BIGINT REFERENCES app_user(id),
	summary TEXT,                      -- the adoption report's summary, as the office wrote it
	report_published_at TEXT,          -- NULL until the office publishes the report (已公布)
	report_published_by BIGINT REFERENCES app_user(id),
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id)
);

-- The draft's articles as they stood when the consultation was made (a later import of a
-- revised text does not change what people commented on).
CREATE TABLE consultation_article (
	id {{ID}},
	consultation_id BIGINT NOT NULL REFERENCES consultation(id),
	seq INTEGER NOT NULL,              -- order in the text, from 1
	number INTEGER NOT NULL,           -- as written
	part_heading TEXT,
	group_heading TEXT,
	short_title TEXT,
	body TEXT NOT NULL,
	UNIQUE (consultation_id, seq)
);

CREATE TABLE consultation_comment (
	id {{ID}},
	consultation_id BIGINT NOT NULL REFERENCES consultation(id),
	article_id BIGINT REFERENCES consultation_article(id), -- NULL: the whole draft
	channel TEXT NOT NULL CHECK (channel IN ('web', 'email', 'phone', 'letter', 'meeting',
	                                         'department')),
	name TEXT,
	contact TEXT,                      -- personal: shown masked without the grant
	body TEXT NOT NULL,
	body_sha256 TEXT NOT NULL,         -- exact duplicates of web comments are refused
	received_at TEXT NOT NULL,
	client_addr TEXT,                  -- web comments
	message_id TEXT,                   -- e-mail imports: the same Message-ID is stored once
	published INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id),  -- NULL: the public
	UNIQUE (consultation_id, message_id)
);
CREATE INDEX consultation_comment_list ON consultation_comment(consultation_id, id);
CREATE INDEX consultation_comment_dup ON consultation_comment(consultation_id, body_sha256);

-- What a comment raises: one point (the whole comment) when it is taken, several when the
-- office splits it; each point gets its own disposition.
CREATE TABLE comment_point (
	id {{ID}},
	comment_id BIGINT NOT NULL REFERENCES consultation_comment(id),
	seq INTEGER NOT NULL,
	body TEXT,                         -- NULL: the whole comment
	article_id BIGINT REFERENCES consultation_article(id),
	disposition TEXT CHECK (disposition IN ('adopted', 'partly', 'rejected', 'explained')),
	reason TEXT,
	decided_at TEXT,
	decided_by BIGINT REFERENCES app_user(id),
	UNIQUE (comment_id, seq)
);

CREATE TABLE consultation_window_change (
	id {{ID}},
	consultation_id BIGINT NOT NULL REFERENCES consultation(id),
	old_start TEXT NOT NULL,
	old_end TEXT NOT NULL,
	new_start TEXT NOT NULL,
	new_end TEXT NOT NULL,
	reason TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	changed_by BIGINT REFERENCES app_user(id)
);

-- Proof-of-work challenges already used (core/pow.h), shared by every kfq process on the
-- database; a row may go once its challenge expired. Counters, not records: not audited.
CREATE TABLE pow_used (
	challenge_id TEXT PRIMARY KEY,     -- hex SHA-256 of the challenge
	expires BIGINT NOT NULL            -- epoch seconds
);
CREATE INDEX pow_used_expires ON pow_used(expires);

-- Keys the servers share (the proof-of-work signing key), made by the first server that needs
-- one.
CREATE TABLE server_secret (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL                -- hex
);
