-- The limiters' counters (core/ratelimit.h): one row per key, shared by every kfq process on
-- the database. Not audited: counts of attempts, not records. Rows past `expires` mean nothing
-- any more and are deleted from time to time.

CREATE TABLE rate_limit (
	key TEXT PRIMARY KEY,            -- e.g. login-addr:203.0.113.7
	count INTEGER NOT NULL,          -- events in the current window
	window_start BIGINT NOT NULL,    -- epoch seconds
	blocked_until BIGINT NOT NULL,   -- epoch seconds; 0 = never blocked
	strikes INTEGER NOT NULL,        -- blocks since the key was last quiet for a window
	expires BIGINT NOT NULL          -- epoch seconds
);
CREATE INDEX rate_limit_expires ON rate_limit(expires);
