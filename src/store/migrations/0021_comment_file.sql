-- The attachments of a comment imported from e-mail, every one of them in the mail's order:
-- an evidence type (core/filetype.h) is stored as an attachment of the comment (entity_type
-- 'comment', attachment_id set); any other (zip, txt, …) is only recorded here by name, size
-- and hash, with the warning the import gave.
CREATE TABLE comment_file (
	id {{ID}},
	comment_id BIGINT NOT NULL REFERENCES consultation_comment(id),
	seq INTEGER NOT NULL,              -- order in the mail, from 1
	filename TEXT NOT NULL,
	content_type TEXT NOT NULL,        -- as the mail declared it
	size BIGINT NOT NULL,
	sha256 TEXT NOT NULL,
	attachment_id BIGINT REFERENCES attachment(id), -- NULL: recorded, not stored
	warning TEXT,                      -- why it was not stored
	UNIQUE (comment_id, seq)
);
