-- Files attached to any entity: 督办单 and their replies first, later modules' records (mail of
-- a consultation, a platform company's evidence, a fault-tolerance case) the same way. The
-- bytes are in the evidence store by SHA-256 (util/blobstore), as progress-report evidence.
-- An upload names the entity type it is for and is held by its organization with entity_id
-- NULL until the write that creates or edits that entity claims it, in that write's
-- transaction; only then can others read it, under the entity's own read rule.

CREATE TABLE attachment (
	id {{ID}},
	entity_type TEXT NOT NULL,            -- notice, notice_reply, ... (api/attachment.c's kinds)
	entity_id BIGINT,                     -- NULL: uploaded, not yet attached
	sha256 TEXT NOT NULL,
	filename TEXT NOT NULL,
	mime TEXT NOT NULL,
	size BIGINT NOT NULL,
	org_id BIGINT NOT NULL REFERENCES org(id), -- the uploader's organization
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX attachment_entity ON attachment(entity_type, entity_id);
