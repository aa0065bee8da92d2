-- kfq remind asks whether a workflow step already told a return in the inbox (by the entity
-- and the step's kind) before it reminds of it: an index on the entity instead of a scan of
-- every inbox item per returned plan or report.
CREATE INDEX inbox_entity ON inbox(entity_type, entity_id);
