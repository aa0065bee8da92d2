-- Inbox items of workflow steps say who did what to which entity: the account that acted and
-- the entity (type and id) besides the link. Reminders of `kfq remind` have no actor.
ALTER TABLE inbox ADD COLUMN actor_id BIGINT REFERENCES app_user(id);
ALTER TABLE inbox ADD COLUMN entity_type TEXT;
ALTER TABLE inbox ADD COLUMN entity_id BIGINT;
