-- The security officer (安全管理员): a role of its own beside the system administrator, as the
-- three-officer separation of 等保 2.0 level 3 asks. app_user's CHECK on role gains 'security'
-- (the SQLite twin edits the table's definition in place).
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
	CHECK (role IN ('admin', 'office', 'department', 'zone', 'county', 'supervisor', 'auditor', 'security'));
