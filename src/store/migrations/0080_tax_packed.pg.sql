-- A tax row as the 亩均 evaluation reads it, made once when the row is written: its year (int4),
-- enterprise and amount (int8 each), big-endian, 20 bytes. The city's read of millions of tax
-- rows sends this one value a row instead of three, as enterprise_figure's packed does (0079,
-- DECISIONS 217). Every function here is immutable, as a stored generated column needs; nothing
-- writes the column (the import's COPY and every INSERT name their columns) and no read but the
-- evaluation's (store_mujun.c) names it.
ALTER TABLE tax_record ADD COLUMN packed bytea GENERATED ALWAYS AS (
	int4send(year) || int8send(enterprise_id) || int8send(amount_fen)
) STORED;
