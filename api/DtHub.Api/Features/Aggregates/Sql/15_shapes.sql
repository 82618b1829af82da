-- Shapes in the grid's metric projection (Aggregates:GridSrid, metres) for the units recomputed, and the active
-- Wi-Fi circles near them. Areas measured in the projection are brought to the ground (WGS 84 spheroid) by each
-- unit's own ratio of spheroid to projected area, so a unit's figures stay on ST_Area(geography).

-- The wards this step prepares: recomputed (every figure of the ward is rewritten: agg_dirty), cover_written (its
-- coverage and its neighbourhoods' are recomputed and rewritten: agg_wifi_wards), needs_cover (its clipped union of
-- circles is needed: it is cover_written, or shares a hexagon cell whose coverage is recomputed, as a cell's coverage
-- is the sum of its wards' pieces).
CREATE TEMP TABLE agg_cover_wards (ward_id int PRIMARY KEY, recomputed boolean NOT NULL, cover_written boolean NOT NULL,
                                   needs_cover boolean NOT NULL) ON COMMIT DROP;
INSERT INTO agg_cover_wards SELECT ward_id, true, false, false FROM agg_dirty;
INSERT INTO agg_cover_wards SELECT ward_id, false, true, true FROM agg_wifi_wards
ON CONFLICT (ward_id) DO UPDATE SET cover_written = true, needs_cover = true;

-- Cells whose coverage is recomputed: all those of wards whose Wi-Fi fingerprint moved or whose grid is rebuilt, and
-- those changed circles meet (50_hex_grid recomputes the same, with the rebuilt cells). Wards near a ward whose
-- grid is rebuilt may share its new cells (not yet in agg_hex_ward): they need their cover too.
-- (listed only while some ward does not need its cover yet: when every ward's Wi-Fi fingerprint moved, as on the
-- first full refresh, they would add none, and listing every cell of the country cost seconds)
CREATE TEMP TABLE agg_cover_cells (i int, j int, PRIMARY KEY (i, j)) ON COMMIT DROP;
INSERT INTO agg_cover_cells
SELECT c.i, c.j
FROM (SELECT h.i, h.j FROM agg_hex_ward h JOIN agg_wifi_wards w ON w.ward_id = h.ward_id AND w.all_cells
      UNION
      SELECT h.i, h.j FROM agg_hex_ward h JOIN agg_grid_wards w ON w.ward_id = h.ward_id
      UNION
      SELECT i, j FROM agg_wifi_cells) c
WHERE EXISTS (SELECT 1 FROM wards w
              WHERE NOT EXISTS (SELECT 1 FROM agg_cover_wards a WHERE a.ward_id = w.id AND a.needs_cover));
ANALYZE agg_cover_cells;

INSERT INTO agg_cover_wards
SELECT DISTINCT o.ward_id, false, false, true
FROM agg_cover_cells c
JOIN agg_hex_ward o ON o.i = c.i AND o.j = c.j
ON CONFLICT (ward_id) DO UPDATE SET needs_cover = true;

INSERT INTO agg_cover_wards
SELECT DISTINCT w.id, false, false, true
FROM agg_grid_wards g
JOIN wards changed ON changed.id = g.ward_id
CROSS JOIN agg_params p
JOIN wards w ON ST_DWithin(w.geometry::geography, changed.geometry::geography, 2 * p.hex_size_m)
ON CONFLICT (ward_id) DO UPDATE SET needs_cover = true;
ANALYZE agg_cover_wards;

-- agg_ward_shape, agg_neighborhood_shape and agg_discs are unlogged tables of this transaction, not temporary ones:
-- PostgreSQL scans no temporary table in parallel, and 20_wifi_coverage and 50_hex_grid share the coverage work
-- among parallel workers ward by ward. Refreshes are serialised (the aggregate_state lock); the tables are created
-- and dropped inside the refresh transaction (AggregateRefresh drops them before its commit), so no other session
-- ever sees them, and a failed refresh rolls them back with the rest.
-- (shape: in the metric projection, only where coverage is computed)
CREATE UNLOGGED TABLE agg_ward_shape AS
SELECT w.id AS ward_id, c.recomputed, c.cover_written, c.needs_cover, w.geometry, s.shape, a.area_m2,
       a.area_m2 / nullif(ST_Area(s.shape), 0) AS ground_per_planar
FROM wards w
JOIN agg_cover_wards c ON c.ward_id = w.id
CROSS JOIN LATERAL (SELECT CASE WHEN c.needs_cover THEN ST_Transform(w.geometry, (SELECT grid_srid FROM agg_params)) END AS shape) s
CROSS JOIN LATERAL (SELECT ST_Area(w.geometry::geography) AS area_m2) a
WHERE w.valid_to IS NULL;
ANALYZE agg_ward_shape;

-- The neighbourhoods of the recomputed and the cover-written wards.
CREATE UNLOGGED TABLE agg_neighborhood_shape AS
SELECT n.id AS neighborhood_id, n.ward_id, c.recomputed, c.cover_written, coalesce(n.estimated_residents, 0) AS residents,
       s.shape, a.area_m2, a.area_m2 / nullif(ST_Area(s.shape), 0) AS ground_per_planar
FROM neighborhoods n
JOIN agg_cover_wards c ON c.ward_id = n.ward_id AND (c.recomputed OR c.cover_written)
CROSS JOIN LATERAL (SELECT CASE WHEN c.cover_written THEN ST_Transform(n.geometry, (SELECT grid_srid FROM agg_params)) END AS shape) s
CROSS JOIN LATERAL (SELECT ST_Area(n.geometry::geography) AS area_m2) a
WHERE n.valid_to IS NULL;
ANALYZE agg_neighborhood_shape;

-- Circles of radius_meters drawn in the projection (128-gon), as ST_Buffer(geography) draws them in its UTM zone:
-- those that can reach a ward whose cover is needed.
CREATE UNLOGGED TABLE agg_discs AS
SELECT p.id, ST_Buffer(ST_Transform(p.location, (SELECT grid_srid FROM agg_params)), p.radius_meters, 'quad_segs=32') AS disc
FROM wifi_points p
WHERE p.status = 'Active'
  AND p.id IN (
        -- ward by ward, so the location index answers; degrees of longitude are the shortest at the ward's far edge
        -- from the equator: a bound that never misses
        SELECT q.id FROM agg_ward_shape w
        JOIN wifi_points q ON q.location && ST_Expand(w.geometry,
              (SELECT max_wifi_radius FROM agg_global_now)
              / (110574 * cos(radians(least(89, greatest(abs(ST_YMin(w.geometry)), abs(ST_YMax(w.geometry))) + 1)))))
        WHERE w.needs_cover);
CREATE INDEX ON agg_discs USING gist (disc);
ANALYZE agg_discs;
