-- A policy keeps its 文号 (发文字号, e.g. 国发〔2018〕38号) as a column, so that every list can
-- tell two policies with the same title apart by it; policies imported before this migration
-- take it from the parse kept with them. The PostgreSQL twin reads the same JSON.

ALTER TABLE policy ADD COLUMN doc_number TEXT;
UPDATE policy SET doc_number = json_extract(parsed_json, '$.doc_number');
