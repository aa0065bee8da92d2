-- Spreadsheet imports: one row per attempt (the file's SHA-256, its rows, the outcome), the
-- one-time download of what an import generated (the users import's first passwords, sealed
-- with a key only the importing browser holds), and the phone and job title of accounts.

CREATE TABLE import_batch (
	id {{ID}},
	kind TEXT NOT NULL,                -- users, ...
	sha256 TEXT NOT NULL,              -- the file, kept in the evidence store when imported
	filename TEXT,
	size BIGINT NOT NULL,
	format TEXT NOT NULL,              -- xlsx, or the CSV's encoding
	n_rows BIGINT NOT NULL,            -- data rows read
	n_bad BIGINT NOT NULL,             -- rows refused
	outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'rejected', 'unchanged')),
	user_id BIGINT REFERENCES app_user(id),
	created_at TEXT NOT NULL
);
CREATE INDEX import_batch_file ON import_batch(kind, sha256, outcome);

-- Sealed (crypto_secretbox) with a key derived from a token the import's answer carries once;
-- only the token's hash is kept. Removed when downloaded or expired.
CREATE TABLE import_secret (
	import_id BIGINT PRIMARY KEY REFERENCES import_batch(id),
	token_hash TEXT NOT NULL,
	box TEXT NOT NULL,                 -- base64 of nonce || ciphertext
	expires_at BIGINT NOT NULL         -- epoch seconds
);

ALTER TABLE app_user ADD COLUMN phone TEXT;
ALTER TABLE app_user ADD COLUMN job_title TEXT;
