-- The audit log is filtered by the acting user's organization (GET /api/audit?org_id=…): its
-- count and its pages find that organization's records without reading the whole log.
CREATE INDEX audit_log_org ON audit_log(org_id);
