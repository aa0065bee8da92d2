-- Idle buildings (闲置厂房、闲置商务楼宇, art. 2 and 13: 腾笼换鸟): each with its area, owner,
-- when it fell vacant and the owner's asking terms, and the matches recorded with enterprises
-- that need space, each tracked to its outcome. A lease or a sale that succeeds marks the
-- building reused. Areas hundredths of m², money fen, dates ISO (Asia/Shanghai).
CREATE TABLE idle_building (
	id {{ID}},
	zone_id BIGINT NOT NULL REFERENCES org(id),
	kind TEXT NOT NULL CHECK (kind IN ('factory', 'office')),
	name TEXT NOT NULL,
	address TEXT,
	area_m2x100 BIGINT NOT NULL CHECK (area_m2x100 > 0),
	owner TEXT NOT NULL,                  -- as the title deed names it
	owner_enterprise_id BIGINT REFERENCES enterprise(id), -- when the owner is in the registry
	vacant_since TEXT NOT NULL,
	rent_fen BIGINT,                      -- asking rent per m² per month
	price_fen BIGINT,                     -- asking price for a sale
	terms TEXT,                           -- other terms (lease length, use, fit-out)
	status TEXT NOT NULL CHECK (status IN ('vacant', 'reused')),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX idle_building_zone ON idle_building(zone_id, id);

CREATE TABLE space_match (
	id {{ID}},
	building_id BIGINT NOT NULL REFERENCES idle_building(id),
	enterprise_id BIGINT REFERENCES enterprise(id), -- NULL for an enterprise not yet registered
	enterprise_name TEXT NOT NULL,
	need_m2x100 BIGINT,                   -- the space it needs
	note TEXT,
	outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'leased', 'sold', 'declined')),
	result TEXT,                          -- how it ended, in words
	created_at TEXT NOT NULL,
	created_by BIGINT REFERENCES app_user(id),
	closed_at TEXT,
	closed_by BIGINT REFERENCES app_user(id)
);
CREATE INDEX space_match_building ON space_match(building_id, id);
