-- The day (Asia/Shanghai, YYYY-MM-DD) a zone's power came into use: the zone accepted it
-- (已承接), or the department's acting arrangement began (代办中). 下放了用不上 counts a power's
-- months without a case from the later of its 生效日期 (effective_from) and this day, so that a
-- power accepted today is not idle at once because it took effect long ago (DECISIONS 322). The
-- accept and act steps write it (POST /api/power-delegations/:id/steps), a fresh start (propose,
-- plan) clears it. A power in use already is taken on the day of its last accept or act step in
-- the audit log, else of the entry's last change.
ALTER TABLE power_delegation ADD COLUMN taken_on TEXT;
UPDATE power_delegation SET taken_on = date(COALESCE((SELECT MAX(a.time) FROM audit_log a
	WHERE a.entity_type = 'power_delegation'
	AND a.entity_id = CAST(power_delegation.id AS TEXT) AND a.action IN ('accept', 'act')),
	power_delegation.updated_at), '+8 hours')
WHERE status IN ('accepted', 'acting');

-- 事项编码 are one code whatever the letters' case (DECISIONS 325): the form and the imports write
-- them in capitals (power_code_normal, the column's `upper`), and the codes kept so far become
-- capitals too, unless another entry holds the same code in other letters' case. Such twins stay
-- as they are, so that the unique constraint holds and no entry changes into another's code;
-- their department tells them apart (saving either asks for a code of its own). SQLite's UPPER
-- changes only ASCII letters, as the application does.
UPDATE power_item SET code = UPPER(code) WHERE code <> UPPER(code) AND NOT EXISTS (SELECT 1
	FROM power_item o WHERE o.id <> power_item.id AND UPPER(o.code) = UPPER(power_item.code));
