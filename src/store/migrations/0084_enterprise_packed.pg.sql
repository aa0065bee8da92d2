-- An enterprise as the 亩均 evaluation reads it, made once when the row is written: its id and
-- zone (int8 each) and whether it is 规上 (one byte, 1 for scale 'above', else 0), big-endian,
-- 17 bytes. The city's read of a million enterprises sends this value and production_on (a
-- text that may be NULL, which costs no send) instead of four values: the server's cost of a
-- COPY is per value sent (DECISIONS 213, 223). Every function here is immutable, as a stored
-- generated column needs; nothing writes the column (the import's COPY and every INSERT and
-- UPDATE name their columns) and no read but the evaluation's (store_mujun.c) names it.
ALTER TABLE enterprise ADD COLUMN packed bytea GENERATED ALWAYS AS (
	int8send(id) || int8send(zone_id) ||
	CASE WHEN scale = 'above' THEN '\x01'::bytea ELSE '\x00'::bytea END
) STORED;
