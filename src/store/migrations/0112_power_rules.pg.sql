-- The day (Asia/Shanghai, YYYY-MM-DD) a zone's power came into use (DECISIONS 318): SQLite's
-- twin says more. The dialects differ in the conversion of the audit log's UTC time to the day
-- in Beijing.
ALTER TABLE power_delegation ADD COLUMN taken_on TEXT;
UPDATE power_delegation SET taken_on = to_char(COALESCE((SELECT MAX(a.time) FROM audit_log a
	WHERE a.entity_type = 'power_delegation'
	AND a.entity_id = CAST(power_delegation.id AS TEXT) AND a.action IN ('accept', 'act')),
	power_delegation.updated_at)::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')
WHERE status IN ('accepted', 'acting');
