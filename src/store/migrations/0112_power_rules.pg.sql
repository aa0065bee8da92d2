-- The day (Asia/Shanghai, YYYY-MM-DD) a zone's power came into use (DECISIONS 322): SQLite's
-- twin says more. The dialects differ in the conversion of the audit log's UTC time to the day
-- in Beijing.
ALTER TABLE power_delegation ADD COLUMN taken_on TEXT;
UPDATE power_delegation SET taken_on = to_char(COALESCE((SELECT MAX(a.time) FROM audit_log a
	WHERE a.entity_type = 'power_delegation'
	AND a.entity_id = CAST(power_delegation.id AS TEXT) AND a.action IN ('accept', 'act')),
	power_delegation.updated_at)::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')
WHERE status IN ('accepted', 'acting');

-- 事项编码 in capitals unless a twin in other letters' case exists (DECISIONS 325): SQLite's twin
-- says more. Only ASCII letters change, as the application and SQLite's UPPER do (PostgreSQL's
-- UPPER follows the locale).
UPDATE power_item SET code = translate(code, 'abcdefghijklmnopqrstuvwxyz',
	'ABCDEFGHIJKLMNOPQRSTUVWXYZ')
WHERE code <> translate(code, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')
	AND NOT EXISTS (SELECT 1 FROM power_item o WHERE o.id <> power_item.id
	AND translate(o.code, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') =
	translate(power_item.code, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'));
