-- Hexagon grid for heatmaps: ST_HexagonGrid cells of the configured size (centre-to-corner, metres) in the
-- configured metric projection, kept where they touch a current ward, keyed by their grid index (i, j), which
-- does not depend on the area asked for. The view agg_hex_cell joins two tables:
--  * agg_hex_grid: each cell's shape (SRID 4326), ground area and estimated residents (each neighbourhood's
--    EstimatedResidents spread uniformly over its area). They depend only on the wards' and neighbourhoods'
--    shapes and estimates, so they are rebuilt for the wards whose grid inputs changed (agg_grid_wards), not
--    at every refresh; agg_hex_ward records which wards each cell touches.
--  * agg_hex_figures: merchants, QR merchants and Wi-Fi-covered m² per cell, recomputed for the cells of every
--    recomputed ward, of every changed Wi-Fi circle and of every changed merchant's old and new location; only
--    cells with a merchant or some coverage have a row, and only changed rows are written.

-- 1. The cells of the wards whose grid changed: the ones they had and the ones they have now.
CREATE TEMP TABLE agg_grid_touched (i int, j int, PRIMARY KEY (i, j)) ON COMMIT DROP;
WITH gone AS (DELETE FROM agg_hex_ward WHERE ward_id IN (SELECT ward_id FROM agg_grid_wards) RETURNING i, j)
INSERT INTO agg_grid_touched SELECT DISTINCT i, j FROM gone;

-- (every changed ward is also a recomputed one, so its projected shape is at hand)
-- (MATERIALIZED: the planner thinks a set-returning function yields one row and would join after it)
INSERT INTO agg_hex_ward (ward_id, i, j)
WITH changed AS MATERIALIZED (
    SELECT w.ward_id, w.shape FROM agg_ward_shape w JOIN agg_grid_wards gw ON gw.ward_id = w.ward_id)
SELECT w.ward_id, g.i, g.j
FROM changed w
CROSS JOIN LATERAL ST_HexagonGrid((SELECT hex_size_m FROM agg_params), w.shape) g
WHERE ST_Intersects(w.shape, g.geom);

INSERT INTO agg_grid_touched
SELECT DISTINCT h.i, h.j FROM agg_hex_ward h JOIN agg_grid_wards gw ON gw.ward_id = h.ward_id
ON CONFLICT DO NOTHING;
ANALYZE agg_grid_touched;

DELETE FROM agg_hex_grid g USING agg_grid_touched t WHERE g.i = t.i AND g.j = t.j;

-- 2. Their shapes (in the projection; the lowest ward id touching a cell lends it its ground-to-projection ratio).
CREATE TEMP TABLE agg_grid_cells ON COMMIT DROP AS
SELECT t.i, t.j, min(h.ward_id) AS ward_id,
       ST_SetSRID(ST_Hexagon(p.hex_size_m, t.i, t.j), p.grid_srid) AS shape
FROM agg_grid_touched t
JOIN agg_hex_ward h ON h.i = t.i AND h.j = t.j
CROSS JOIN agg_params p
GROUP BY t.i, t.j, p.hex_size_m, p.grid_srid;
ANALYZE agg_grid_cells;

CREATE TEMP TABLE agg_grid_ratio ON COMMIT DROP AS
SELECT w.id AS ward_id, ST_Area(w.geometry::geography) / nullif(ST_Area(ST_Transform(w.geometry, p.grid_srid)), 0) AS ground_per_planar
FROM wards w CROSS JOIN agg_params p
WHERE w.id IN (SELECT DISTINCT ward_id FROM agg_grid_cells);

-- 3. Residents: each neighbourhood's estimate times the share of its area inside the cell (no intersection
--    needed for a cell wholly inside it). Only neighbourhoods of wards touching the rebuilt cells can meet them.
CREATE TEMP TABLE agg_grid_residents ON COMMIT DROP AS
WITH sources AS MATERIALIZED (
    SELECT n.estimated_residents AS residents, s.shape, ST_Area(s.shape) AS planar_area
    FROM neighborhoods n
    CROSS JOIN LATERAL (SELECT ST_Transform(n.geometry, (SELECT grid_srid FROM agg_params)) AS shape) s
    WHERE n.valid_to IS NULL AND n.estimated_residents > 0
      AND n.ward_id IN (SELECT DISTINCT h.ward_id FROM agg_hex_ward h JOIN agg_grid_touched t ON t.i = h.i AND t.j = h.j)),
pieces AS MATERIALIZED (
    SELECT g.i, g.j,
           n.residents * CASE WHEN ST_Covers(n.shape, g.geom) THEN ST_Area(g.geom) ELSE ST_Area(ST_Intersection(n.shape, g.geom)) END
           / n.planar_area AS residents
    FROM sources n
    CROSS JOIN LATERAL ST_HexagonGrid((SELECT hex_size_m FROM agg_params), n.shape) g
    WHERE n.planar_area > 0 AND ST_Intersects(n.shape, g.geom))
SELECT p.i, p.j, sum(p.residents) AS residents
FROM pieces p
WHERE EXISTS (SELECT 1 FROM agg_grid_touched t WHERE t.i = p.i AND t.j = p.j)
GROUP BY p.i, p.j;

INSERT INTO agg_hex_grid (i, j, geometry, area_m2, estimated_residents)
SELECT c.i, c.j, ST_Transform(c.shape, 4326), ST_Area(c.shape) * r.ground_per_planar, coalesce(res.residents, 0)
FROM agg_grid_cells c
JOIN agg_grid_ratio r ON r.ward_id = c.ward_id
LEFT JOIN agg_grid_residents res ON res.i = c.i AND res.j = c.j;

-- 4. Figures: on a full refresh every cell's merchants are counted. On an incremental one, the merchants of the
--    cells of recomputed wards are recounted, and the cells holding a changed merchant's old or new location take its
--    delta (-1 / +1, see 00_changed_wards). Coverage (projected to ground with the cell's own ratio: its ground area
--    over the hexagon's projected area) is recomputed for the cells of agg_wifi_wards, of rebuilt cells and of
--    changed circles, and kept as stored for the others.
-- (an unlogged table of this transaction, like 15_shapes' tables: the coverage per cell below is computed in parallel;
-- written at once and indexed after, as the first full refresh lists every cell of the country here)
CREATE UNLOGGED TABLE agg_figure_cells AS
WITH recount AS (
    SELECT DISTINCT h.i, h.j FROM agg_hex_ward h JOIN agg_dirty d ON d.ward_id = h.ward_id
    WHERE NOT (SELECT full_refresh FROM agg_params)),
-- Coverage recomputed (on a full refresh too): the cells of cover-written wards, rebuilt cells and changed circles'.
wifi AS (
    SELECT h.i, h.j FROM agg_hex_ward h JOIN agg_wifi_wards w ON w.ward_id = h.ward_id AND w.all_cells
    UNION
    SELECT i, j FROM agg_grid_touched
    UNION
    SELECT i, j FROM agg_wifi_cells)
SELECT coalesce(r.i, w.i) AS i, coalesce(r.j, w.j) AS j, r.i IS NOT NULL AS recount, w.i IS NOT NULL AS wifi
FROM recount r FULL JOIN wifi w ON w.i = r.i AND w.j = r.j;
ALTER TABLE agg_figure_cells ADD PRIMARY KEY (i, j);
ANALYZE agg_figure_cells;

-- A merchant's cell comes from its projected coordinates (axial hexagon coordinates, rounded in cube space),
-- not from a spatial join: ST_HexagonGrid's cell (i, j) is centred on (1.5 i, √3 (j + i mod 2 / 2)) sides.
-- absolute: a count of merchants (every merchant on a full refresh, those inside the recounted cells' boxes widened
-- ~10 m on an incremental one); otherwise the sum of the changed merchants' signs.
CREATE TEMP TABLE agg_merchant_cell_counts ON COMMIT DROP AS
WITH chosen AS (
    SELECT m.accepts_qr, m.location, 1 AS sign, true AS absolute FROM merchants m WHERE (SELECT full_refresh FROM agg_params)
    UNION ALL
    SELECT DISTINCT ON (m.id) m.accepts_qr, m.location, 1, true
    FROM agg_figure_cells f
    JOIN agg_hex_grid g ON g.i = f.i AND g.j = f.j
    JOIN merchants m ON m.location && ST_Expand(g.geometry, 0.0001)
    WHERE f.recount
    UNION ALL
    SELECT c.accepts_qr, c.location, c.sign, false FROM agg_merchant_changes c),
located AS (
    SELECT m.accepts_qr, m.sign, m.absolute, xy.q, xy.r
    FROM chosen m
    CROSS JOIN agg_params p
    -- OFFSET 0: projected once per merchant (inlined, the projection would run for every use of q and r below)
    CROSS JOIN LATERAL (SELECT ST_Transform(m.location, p.grid_srid) AS pt OFFSET 0) t
    CROSS JOIN LATERAL (SELECT ST_X(t.pt) / (1.5 * p.hex_size_m) AS q,
                               ST_Y(t.pt) / (sqrt(3) * p.hex_size_m) - ST_X(t.pt) / (3 * p.hex_size_m) AS r) xy),
rounded AS (
    SELECT accepts_qr, sign, absolute, q, r, round(q) AS rq, round(r) AS rr, round(-q - r) AS rs FROM located),
cells AS (
    SELECT accepts_qr, sign, absolute,
           CASE WHEN abs(rq - q) > abs(rr - r) AND abs(rq - q) > abs(rs + q + r) THEN -rr - rs ELSE rq END AS ci,
           CASE WHEN abs(rq - q) > abs(rr - r) AND abs(rq - q) > abs(rs + q + r) THEN rr
                WHEN abs(rs + q + r) >= abs(rr - r) THEN rr
                ELSE -rq - rs END AS cr
    FROM rounded)
SELECT ci::int AS i, (cr + floor(ci / 2))::int AS j, absolute,
       sum(sign) AS merchants, coalesce(sum(sign) FILTER (WHERE accepts_qr), 0) AS with_qr
FROM cells GROUP BY 1, 2, 3;

-- (an anti-join, not ON CONFLICT: a speculative insertion per cell cost more than the rest of the statement)
INSERT INTO agg_figure_cells
SELECT DISTINCT c.i, c.j, false, false FROM agg_merchant_cell_counts c
WHERE NOT c.absolute AND NOT EXISTS (SELECT 1 FROM agg_figure_cells f WHERE f.i = c.i AND f.j = c.j);
ANALYZE agg_figure_cells;
ANALYZE agg_merchant_cell_counts;

-- Each part's pieces in the hexagon cells whose coverage is recomputed, clipped in the parallel workers and summed
-- per cell after. A part's other cells are not clipped: each cell is looked up first, by key. (The planner takes
-- ST_HexagonGrid for 1,000 rows a part, so it would sort or hash every cell of the country to join them, then sort
-- every piece's two geometries by cell before clipping them; and moving rows out of the workers looks dear.)
-- (in parallel only when there are many parts, like 20_wifi_coverage)
SELECT set_config('min_parallel_table_scan_size', '0', true) WHERE (SELECT count(*) FROM agg_cover_parts) >= 1000;
SET LOCAL parallel_tuple_cost = 0.001;
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = off;
CREATE TEMP TABLE agg_wifi_cell_cover ON COMMIT DROP AS
SELECT x.i, x.j, sum(x.planar) AS covered_planar
FROM (SELECT g.i, g.j, CASE WHEN ST_Covers(g.geom, c.part) THEN c.area ELSE ST_Area(ST_Intersection(g.geom, c.part)) END AS planar
      FROM agg_cover_parts c
      CROSS JOIN LATERAL ST_HexagonGrid((SELECT hex_size_m FROM agg_params), c.part) g
      JOIN agg_figure_cells f ON f.i = g.i AND f.j = g.j AND f.wifi
      WHERE ST_Intersects(c.part, g.geom)
      OFFSET 0) x
GROUP BY x.i, x.j;
SET LOCAL min_parallel_table_scan_size TO DEFAULT;
SET LOCAL parallel_tuple_cost TO DEFAULT;
SET LOCAL enable_hashjoin TO DEFAULT;
SET LOCAL enable_mergejoin TO DEFAULT;

-- Only cells with a merchant or some coverage have a row (agg_hex_cell reads a missing one as zeros).
-- Full refresh: every cell's merchants; coverage recomputed for the cells above, kept as stored for the others.
CREATE TEMP TABLE agg_figures_now ON COMMIT DROP AS
WITH coverage AS (
    SELECT w.i, w.j, w.covered_planar * g.area_m2 / (1.5 * sqrt(3) * p.hex_size_m ^ 2) AS covered_m2
    FROM agg_wifi_cell_cover w
    JOIN agg_figure_cells f ON f.i = w.i AND f.j = w.j AND f.wifi
    JOIN agg_hex_grid g ON g.i = w.i AND g.j = w.j
    CROSS JOIN agg_params p
    UNION ALL
    SELECT o.i, o.j, o.wifi_covered_m2
    FROM agg_hex_figures o
    WHERE o.wifi_covered_m2 <> 0
      AND NOT EXISTS (SELECT 1 FROM agg_figure_cells f WHERE f.i = o.i AND f.j = o.j AND f.wifi))
SELECT g.i, g.j, coalesce(m.merchants, 0)::int AS merchants, coalesce(m.with_qr, 0)::int AS merchants_with_qr,
       coalesce(w.covered_m2, 0) AS wifi_covered_m2
FROM agg_merchant_cell_counts m
FULL JOIN coverage w ON w.i = m.i AND w.j = m.j
JOIN agg_hex_grid g ON g.i = coalesce(m.i, w.i) AND g.j = coalesce(m.j, w.j)
WHERE (SELECT full_refresh FROM agg_params);

INSERT INTO agg_figures_now (i, j, merchants, merchants_with_qr, wifi_covered_m2)
SELECT x.i, x.j, x.merchants, x.merchants_with_qr, x.wifi_covered_m2
FROM (SELECT f.i, f.j,
             (CASE WHEN f.recount THEN coalesce(a.merchants, 0) ELSE coalesce(old.merchants, 0) + coalesce(d.merchants, 0) END)::int AS merchants,
             (CASE WHEN f.recount THEN coalesce(a.with_qr, 0) ELSE coalesce(old.merchants_with_qr, 0) + coalesce(d.with_qr, 0) END)::int AS merchants_with_qr,
             CASE WHEN f.wifi THEN coalesce(w.covered_planar * g.area_m2 / (1.5 * sqrt(3) * p.hex_size_m ^ 2), 0)
                  ELSE coalesce(old.wifi_covered_m2, 0) END AS wifi_covered_m2
      FROM agg_figure_cells f
      CROSS JOIN agg_params p
      -- (OFFSET 0: looked up cell by cell through the key; a join would read all the stored figures)
      LEFT JOIN LATERAL (SELECT o.i, o.merchants, o.merchants_with_qr, o.wifi_covered_m2 FROM agg_hex_figures o
                         WHERE o.i = f.i AND o.j = f.j OFFSET 0) old ON true
      -- A cell that only takes a delta and has a stored row is in the grid (not rebuilt); only the others look it up.
      CROSS JOIN LATERAL (
          SELECT CASE WHEN f.recount OR f.wifi OR old.i IS NULL
                      THEN (SELECT g.area_m2 FROM agg_hex_grid g WHERE g.i = f.i AND g.j = f.j) END AS area_m2) g
      LEFT JOIN agg_merchant_cell_counts a ON a.i = f.i AND a.j = f.j AND a.absolute
      LEFT JOIN agg_merchant_cell_counts d ON d.i = f.i AND d.j = f.j AND NOT d.absolute
      LEFT JOIN agg_wifi_cell_cover w ON w.i = f.i AND w.j = f.j
      WHERE NOT p.full_refresh
        AND (g.area_m2 IS NOT NULL OR (old.i IS NOT NULL AND NOT f.recount AND NOT f.wifi))) x
WHERE x.merchants > 0 OR x.wifi_covered_m2 > 0;
ANALYZE agg_figures_now;

-- Write only what changed (a full refresh of an unchanged country rewrites nothing).
DELETE FROM agg_hex_figures f
WHERE (SELECT full_refresh FROM agg_params)
  AND NOT EXISTS (SELECT 1 FROM agg_figures_now n
                  WHERE n.i = f.i AND n.j = f.j AND n.merchants = f.merchants
                    AND n.merchants_with_qr = f.merchants_with_qr AND n.wifi_covered_m2 = f.wifi_covered_m2);

INSERT INTO agg_hex_figures (i, j, merchants, merchants_with_qr, wifi_covered_m2)
SELECT n.i, n.j, n.merchants, n.merchants_with_qr, n.wifi_covered_m2
FROM agg_figures_now n
WHERE (SELECT full_refresh FROM agg_params)
  AND NOT EXISTS (SELECT 1 FROM agg_hex_figures f WHERE f.i = n.i AND f.j = n.j);

-- Incremental: the figure cells (every rebuilt cell is one) left without figures lose their row; the others are
-- written where they differ.
DELETE FROM agg_hex_figures f
USING (SELECT c.i, c.j FROM agg_figure_cells c
       WHERE NOT EXISTS (SELECT 1 FROM agg_figures_now n WHERE n.i = c.i AND n.j = c.j)) gone
WHERE f.i = gone.i AND f.j = gone.j AND NOT (SELECT full_refresh FROM agg_params);

INSERT INTO agg_hex_figures AS f (i, j, merchants, merchants_with_qr, wifi_covered_m2)
SELECT n.i, n.j, n.merchants, n.merchants_with_qr, n.wifi_covered_m2
FROM agg_figures_now n
WHERE NOT (SELECT full_refresh FROM agg_params)
ON CONFLICT (i, j) DO UPDATE
SET merchants = excluded.merchants, merchants_with_qr = excluded.merchants_with_qr, wifi_covered_m2 = excluded.wifi_covered_m2
WHERE (f.merchants, f.merchants_with_qr, f.wifi_covered_m2)
      IS DISTINCT FROM (excluded.merchants, excluded.merchants_with_qr, excluded.wifi_covered_m2);
