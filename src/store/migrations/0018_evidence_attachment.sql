-- Progress-report evidence joins the files on any entity (DECISIONS 70): each evidence row
-- becomes an attachment of entity type 'report' (an upload no report has claimed yet stays
-- unattached, its organization's), in the order they were uploaded, and the evidence table
-- goes. The hashes are kept, so the bytes in the evidence store are the same files; the ids are
-- the attachment table's from now on (a report lists its files with their new ids).

INSERT INTO attachment (entity_type, entity_id, sha256, filename, mime, size, org_id, created_at,
                        created_by)
SELECT 'report', report_id, sha256, filename, mime, size, org_id, created_at, created_by
FROM evidence ORDER BY id;

DROP TABLE evidence;
