-- The acting arrangement's mode (派驻人员, 加挂牌子, 领办, 代办) beside the delegation's own
-- 下放方式: arranging who acts no longer overwrites how the power was delegated, so that the
-- re-assessment hands it back in that mode. An arrangement made before this keeps its mode in
-- both (how it was delegated was overwritten then and is not known).
ALTER TABLE power_delegation ADD COLUMN acting_mode TEXT;
UPDATE power_delegation SET acting_mode = mode WHERE status = 'acting';
