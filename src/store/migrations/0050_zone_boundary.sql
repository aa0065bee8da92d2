-- Each zone's approved area and boundary (art. 2): the area in the national 审核公告目录, its
-- 四至 as the catalogue words it, and the boundary 自然资源局 surveyed, as a GeoJSON
-- (Multi)Polygon in CGCS2000 longitude/latitude (EPSG:4490). The geodesic area is computed when
-- the boundary is set (core/geo.c) and kept with it; the bounding box, in ten-millionths of a
-- degree, lets a map or a search skip what is far away.
CREATE TABLE zone_boundary (
	zone_id BIGINT PRIMARY KEY REFERENCES org(id),
	catalogue_code TEXT,                   -- the catalogue's code of the zone (e.g. S217041)
	approved_ha_x100 BIGINT NOT NULL CHECK (approved_ha_x100 > 0), -- hectares, hundredths
	four_to TEXT,                          -- 四至 as text
	geojson TEXT,                          -- NULL until coordinates are given
	area_m2x100 BIGINT NOT NULL DEFAULT 0, -- square metres, hundredths
	tolerance_bp INTEGER NOT NULL DEFAULT 300 CHECK (tolerance_bp BETWEEN 0 AND 10000),
	min_lon BIGINT, min_lat BIGINT, max_lon BIGINT, max_lat BIGINT,
	updated_at TEXT NOT NULL,
	updated_by BIGINT REFERENCES app_user(id)
);
