-- Hexagon grid for heatmaps: ST_HexagonGrid cells of the configured size (centre-to-corner, metres) in
-- the configured metric projection, kept where they touch a current ward and stored in SRID 4326.
-- Cells are keyed by their grid index (i, j), which does not depend on the area asked for, so a
-- changed ward's cells can be rebuilt alone. Residents: each neighbourhood's EstimatedResidents spread
-- uniformly over its area. A merchant on a shared cell edge counts in both cells.

DELETE FROM agg_hex_cell c
WHERE (SELECT full_refresh FROM agg_params)
   OR EXISTS (SELECT 1 FROM agg_dirty d JOIN wards w ON w.id = d.ward_id
              WHERE w.valid_to IS NULL AND ST_Intersects(c.geometry, w.geometry))
   OR EXISTS (SELECT 1 FROM agg_seed s WHERE ST_Intersects(c.geometry, s.old_extent));

CREATE TEMP TABLE agg_cells ON COMMIT DROP AS
SELECT DISTINCT ON (h.i, h.j) h.i, h.j, h.geometry
FROM wards w
JOIN agg_dirty d ON d.ward_id = w.id
CROSS JOIN agg_params p
CROSS JOIN LATERAL (
    SELECT g.i, g.j, ST_Transform(g.geom, 4326) AS geometry
    FROM ST_HexagonGrid(p.hex_size_m, ST_Transform(w.geometry, p.grid_srid)) g) h
WHERE w.valid_to IS NULL AND ST_Intersects(h.geometry, w.geometry)
ORDER BY h.i, h.j;

INSERT INTO agg_hex_cell (i, j, geometry, area_m2, merchants, merchants_with_qr, wifi_covered_m2, estimated_residents)
SELECT c.i, c.j, c.geometry, ST_Area(c.geometry::geography), m.merchants, m.with_qr,
       coalesce(wifi.covered_m2, 0), coalesce(r.residents, 0)
FROM agg_cells c
CROSS JOIN LATERAL (
    SELECT count(*) AS merchants, count(*) FILTER (WHERE accepts_qr) AS with_qr
    FROM merchants WHERE ST_Intersects(location, c.geometry)) m
CROSS JOIN LATERAL (
    SELECT ST_Area(ST_Intersection(c.geometry,
               ST_Union(ST_Buffer(p.location::geography, p.radius_meters, 'quad_segs=32')::geometry))::geography) AS covered_m2
    FROM wifi_points p
    WHERE p.status = 'Active'
      AND ST_DWithin(p.location::geography, c.geometry::geography, (SELECT max_wifi_radius FROM agg_global_now))
      AND ST_DWithin(p.location::geography, c.geometry::geography, p.radius_meters)) wifi
CROSS JOIN LATERAL (
    SELECT sum(n.estimated_residents * ST_Area(ST_Intersection(n.geometry, c.geometry)::geography)
               / nullif(ST_Area(n.geometry::geography), 0)) AS residents
    FROM neighborhoods n
    WHERE n.valid_to IS NULL AND n.estimated_residents > 0 AND ST_Intersects(n.geometry, c.geometry)) r;
