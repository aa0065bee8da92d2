-- The audit log is filtered by the login name recorded (GET /api/audit?username=…): the page's
-- 操作人 typed as a name, and the command line's changes (cli:…), which have no user id.
CREATE INDEX audit_log_username ON audit_log(username);
