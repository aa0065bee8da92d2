-- A 招商 project's responsible staff becomes a person on the zone's own roster (人员名册,
-- person), whose 招商 incentive the performance pay plans pay outside the pool for posts outside
-- the civil service (DECISIONS 167). staff_person_id NULL: a project entered before this, whose
-- free text `staff` stays as it was written until the zone names a roster person (the text is
-- then cleared). Existing rows take the person whose name is exactly their text when exactly one
-- person on that zone's roster now (no end recorded) bears it; any other row keeps its text.
-- People are never deleted (they leave the roster by an end date), and the foreign key keeps it so.
ALTER TABLE invest_project ADD COLUMN staff_person_id BIGINT REFERENCES person(id);
UPDATE invest_project
SET staff_person_id = (SELECT MIN(p.id) FROM person p WHERE p.org_id = invest_project.zone_id
                       AND p.name = invest_project.staff AND p.end_date IS NULL),
    staff = ''
WHERE (SELECT COUNT(*) FROM person p WHERE p.org_id = invest_project.zone_id
       AND p.name = invest_project.staff AND p.end_date IS NULL) = 1;
CREATE INDEX invest_project_staff ON invest_project(staff_person_id);
