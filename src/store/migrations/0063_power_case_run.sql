-- Running sums of each delegation's monthly case figures: one row per delegation and recorded
-- month, holding the sums of every month up to and including it. The evaluation of any period
-- is the row at its last month less the row before its first (two index seeks per delegation)
-- instead of summing the months on every request. Rebuilt for a delegation in the transaction
-- that writes one of its months (store_case_month_put) or imports months (the importer's
-- delegations); nothing else writes power_case_month.
CREATE TABLE power_case_run (
	delegation_id BIGINT NOT NULL REFERENCES power_delegation(id),
	month TEXT NOT NULL,                -- YYYY-MM, a month of power_case_month
	received BIGINT NOT NULL,           -- sums of the months up to this one
	done BIGINT NOT NULL,
	done_in_time BIGINT NOT NULL,
	days_x100_done BIGINT NOT NULL,     -- sum of days_x100 × done (the average's numerator)
	good BIGINT NOT NULL,
	bad BIGINT NOT NULL,
	last_active TEXT,                   -- the last month up to this one with a case received
	PRIMARY KEY (delegation_id, month)
);

INSERT INTO power_case_run (delegation_id, month, received, done, done_in_time, days_x100_done,
	good, bad, last_active)
SELECT delegation_id, month, SUM(received) OVER w, SUM(done) OVER w, SUM(done_in_time) OVER w,
	SUM(days_x100 * done) OVER w, SUM(good) OVER w, SUM(bad) OVER w,
	MAX(CASE WHEN received > 0 THEN month END) OVER w
FROM power_case_month WINDOW w AS (PARTITION BY delegation_id ORDER BY month);
