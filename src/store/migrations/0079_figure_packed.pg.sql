-- A figure row as the 亩均 evaluation reads it, made once when the row is written: its year
-- (int4), enterprise and seven figures (int8 each, -1 for NULL: MUJUN_NONE), big-endian, 68
-- bytes. The city's read of millions of figures sends this one value a row instead of nine:
-- the server's cost of a COPY is per value sent (DECISIONS 213). Every function here is
-- immutable, as a stored generated column needs; nothing writes the column and no read but the
-- evaluation's (store_mujun.c) names it.
ALTER TABLE enterprise_figure ADD COLUMN packed bytea GENERATED ALWAYS AS (
	int4send(year) || int8send(enterprise_id) || int8send(COALESCE(value_added_fen, -1)) ||
	int8send(COALESCE(revenue_fen, -1)) || int8send(COALESCE(rd_fen, -1)) ||
	int8send(COALESCE(energy_kgce, -1)) || int8send(COALESCE(emission_kg, -1)) ||
	int8send(COALESCE(electricity_kwh, -1)) || int8send(COALESCE(staff, -1))
) STORED;
