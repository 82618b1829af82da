-- Shapes in the grid's metric projection (Aggregates:GridSrid, metres) for the units recomputed, and the active
-- Wi-Fi circles near them. Areas measured in the projection are brought to the ground (WGS 84 spheroid) by each
-- unit's own ratio of spheroid to projected area, so a unit's figures stay on ST_Area(geography).

-- The wards whose Wi-Fi coverage is needed: the recomputed ones (recomputed: every figure of the ward), those a
-- changed Wi-Fi circle meets (their coverage figures are rewritten), and, on an incremental refresh, those sharing a
-- hexagon cell whose coverage is recomputed (a cell's coverage is the sum of its wards' pieces).
CREATE TEMP TABLE agg_cover_wards (ward_id int PRIMARY KEY, recomputed boolean NOT NULL, cover_written boolean NOT NULL) ON COMMIT DROP;
INSERT INTO agg_cover_wards SELECT ward_id, true, true FROM agg_dirty;
INSERT INTO agg_cover_wards SELECT ward_id, false, true FROM agg_wifi_wards ON CONFLICT DO NOTHING;
INSERT INTO agg_cover_wards
SELECT DISTINCT o.ward_id, false, false
FROM (SELECT h.i, h.j FROM agg_hex_ward h JOIN agg_dirty d ON d.ward_id = h.ward_id
      UNION
      SELECT i, j FROM agg_wifi_cells) c
JOIN agg_hex_ward o ON o.i = c.i AND o.j = c.j
WHERE NOT (SELECT full_refresh FROM agg_params)
ON CONFLICT DO NOTHING;
ANALYZE agg_cover_wards;

CREATE TEMP TABLE agg_ward_shape ON COMMIT DROP AS
SELECT w.id AS ward_id, c.recomputed, c.cover_written, w.geometry, s.shape, a.area_m2, a.area_m2 / nullif(ST_Area(s.shape), 0) AS ground_per_planar
FROM wards w
JOIN agg_cover_wards c ON c.ward_id = w.id
CROSS JOIN LATERAL (SELECT ST_Transform(w.geometry, (SELECT grid_srid FROM agg_params)) AS shape) s
CROSS JOIN LATERAL (SELECT ST_Area(w.geometry::geography) AS area_m2) a
WHERE w.valid_to IS NULL;
ANALYZE agg_ward_shape;

-- The neighbourhoods of the wards whose coverage is written (recomputed: their ward is recomputed whole).
CREATE TEMP TABLE agg_neighborhood_shape ON COMMIT DROP AS
SELECT n.id AS neighborhood_id, n.ward_id, c.recomputed, coalesce(n.estimated_residents, 0) AS residents, s.shape, a.area_m2,
       a.area_m2 / nullif(ST_Area(s.shape), 0) AS ground_per_planar
FROM neighborhoods n
JOIN agg_cover_wards c ON c.ward_id = n.ward_id AND c.cover_written
CROSS JOIN LATERAL (SELECT ST_Transform(n.geometry, (SELECT grid_srid FROM agg_params)) AS shape) s
CROSS JOIN LATERAL (SELECT ST_Area(n.geometry::geography) AS area_m2) a
WHERE n.valid_to IS NULL;
ANALYZE agg_neighborhood_shape;

-- Circles of radius_meters drawn in the projection (128-gon), as ST_Buffer(geography) draws them in its UTM zone:
-- those that can reach a ward whose coverage is needed.
CREATE TEMP TABLE agg_discs ON COMMIT DROP AS
SELECT p.id, ST_Buffer(ST_Transform(p.location, (SELECT grid_srid FROM agg_params)), p.radius_meters, 'quad_segs=32') AS disc
FROM wifi_points p
WHERE p.status = 'Active' AND (SELECT full_refresh FROM agg_params)
UNION ALL
SELECT p.id, ST_Buffer(ST_Transform(p.location, (SELECT grid_srid FROM agg_params)), p.radius_meters, 'quad_segs=32')
FROM wifi_points p
WHERE p.status = 'Active' AND NOT (SELECT full_refresh FROM agg_params)
  AND p.id IN (
        -- ward by ward, so the location index answers; degrees of longitude are the shortest at the ward's far edge
        -- from the equator: a bound that never misses
        SELECT q.id FROM agg_ward_shape w
        JOIN wifi_points q ON q.location && ST_Expand(w.geometry,
              (SELECT max_wifi_radius FROM agg_global_now)
              / (110574 * cos(radians(least(89, greatest(abs(ST_YMin(w.geometry)), abs(ST_YMax(w.geometry))) + 1))))));
CREATE INDEX ON agg_discs USING gist (disc);
ANALYZE agg_discs;
