-- The office's setting of the powers' evaluation (issue 16, art. 4): a delegated power with no
-- case received in this many months is flagged 下放了用不上, in the figures and in an evaluation
-- recorded. One row, for every year; no row is the default of core/power.h (POWER_IDLE_MONTHS,
-- 6). Changed by the office, audited "power_setting"; a request may still name other months to
-- see what they would flag (a what-if), never recorded as the setting.
CREATE TABLE power_setting (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	idle_months INTEGER NOT NULL CHECK (idle_months BETWEEN 1 AND 24),
	changed_at TEXT NOT NULL,
	changed_by BIGINT REFERENCES app_user(id)
);
