-- What a refresh recomputes. Runs inside the refresh transaction after agg_params is created.
ANALYZE agg_params;
-- Two kinds of input. Merchants, Wi-Fi points and ward reports change often: triggers note each changed row in
-- aggregate_changes (old and new side), and only the figures fed by that family are recomputed, for the units and
-- cells the rows touch (below, agg_changes). Wards, neighbourhoods, teams and model streets change rarely: their
-- triggers note the ward of each changed row (family 'structure'), and the whole ward is recomputed (agg_dirty). A full
-- refresh takes every ward.

-- The noted changes this refresh consumes (deleted now, so a failed or fenced-off refresh rolls them back for the
-- next one; rows committed after the refresh's snapshot stay for the next refresh, and the tables it recounts do not
-- show them either). A full refresh consumes them all and needs none.
CREATE TEMP TABLE agg_changes ON COMMIT DROP AS
WITH taken AS (DELETE FROM aggregate_changes RETURNING *)
SELECT * FROM taken WHERE NOT (SELECT full_refresh FROM agg_params);

-- Inputs every ward shares (targets, lineage, markets, settings): a change there recomputes everything.
CREATE TEMP TABLE agg_global_now ON COMMIT DROP AS
WITH wifi AS (SELECT coalesce(max(radius_meters), 0) AS max_radius FROM wifi_points WHERE status = 'Active')
SELECT md5(concat_ws('|',
           (SELECT string_agg(concat_ws(',', id, indicator, scope, ward_id, value, deadline), ';' ORDER BY id) FROM targets),
           (SELECT string_agg(concat_ws(',', id, predecessor_id, successor_id, change, effective_on), ';' ORDER BY id) FROM ward_lineage),
           (SELECT string_agg(concat_ws(',', id, ward_id, is_cashless), ';' ORDER BY id) FROM markets),
           (SELECT concat_ws(',', street_distance_m, hex_size_m, grid_srid) FROM agg_params))) AS fingerprint,
       -- How far a change in one ward can reach into others: Wi-Fi radius, street distance, a hexagon's width.
       (SELECT greatest(max(p.street_distance_m), 2 * max(p.hex_size_m), (SELECT max_radius FROM wifi))
        FROM agg_params p) AS reach_meters,
       (SELECT max_radius FROM wifi) AS max_wifi_radius;

-- The wards whose structural inputs are looked at: every ward on a full refresh, after a change of the shared inputs
-- or a TRUNCATE; otherwise only those the queue names (fingerprinting every ward was most of a small refresh).
CREATE TEMP TABLE agg_scope ON COMMIT DROP AS
SELECT (SELECT full_refresh FROM agg_params)
       OR (SELECT fingerprint FROM agg_global_now) IS DISTINCT FROM (SELECT global_fingerprint FROM aggregate_state)
       OR EXISTS (SELECT 1 FROM agg_changes WHERE family = 'everything') AS all_wards;
CREATE TEMP TABLE agg_structure_wards (ward_id int PRIMARY KEY) ON COMMIT DROP;
INSERT INTO agg_structure_wards
SELECT w.id FROM wards w WHERE (SELECT all_wards FROM agg_scope)
UNION
SELECT ward_id FROM agg_changes WHERE family = 'structure' AND ward_id IS NOT NULL
UNION
SELECT ward_id FROM aggregate_ward_inputs WHERE (SELECT all_wards FROM agg_scope);

-- A ward's structural fingerprint (row count, id sum and latest change per table, and the ward's own row) decides
-- whether its stored grid fingerprint can be reused.
CREATE TEMP TABLE agg_inputs_now (ward_id int PRIMARY KEY, fingerprint text, grid_fingerprint text, extent geometry) ON COMMIT DROP;
-- (every ward: grouped; a few: looked up ward by ward)
INSERT INTO agg_inputs_now
WITH neighborhood_inputs AS (
    SELECT ward_id, concat_ws(',', count(*), sum(id), max(updated_at)) AS fp FROM neighborhoods GROUP BY ward_id),
team_inputs AS (
    SELECT ward_id, concat_ws(',', count(*), sum(id), max(updated_at)) AS fp FROM teams GROUP BY ward_id),
street_inputs AS (
    SELECT ward_id, concat_ws(',', count(*), sum(id), max(updated_at)) AS fp FROM model_streets GROUP BY ward_id)
SELECT w.id,
       md5(concat_ws('|', 'structural', w.updated_at, w.valid_from, w.valid_to, n.fp, t.fp, s.fp)),
       NULL::text,
       ST_Envelope(w.geometry)
FROM wards w
LEFT JOIN neighborhood_inputs n ON n.ward_id = w.id
LEFT JOIN team_inputs t ON t.ward_id = w.id
LEFT JOIN street_inputs s ON s.ward_id = w.id
WHERE (SELECT all_wards FROM agg_scope);

INSERT INTO agg_inputs_now
SELECT w.id,
       md5(concat_ws('|', 'structural', w.updated_at, w.valid_from, w.valid_to, n.fp, t.fp, s.fp)),
       NULL::text,
       ST_Envelope(w.geometry)
FROM agg_structure_wards c
JOIN wards w ON w.id = c.ward_id
CROSS JOIN LATERAL (SELECT nullif(concat_ws(',', count(*), sum(id), max(updated_at)), '0') AS fp FROM neighborhoods WHERE ward_id = w.id) n
CROSS JOIN LATERAL (SELECT nullif(concat_ws(',', count(*), sum(id), max(updated_at)), '0') AS fp FROM teams WHERE ward_id = w.id) t
CROSS JOIN LATERAL (SELECT nullif(concat_ws(',', count(*), sum(id), max(updated_at)), '0') AS fp FROM model_streets WHERE ward_id = w.id) s
WHERE NOT (SELECT all_wards FROM agg_scope);

-- What a ward's hexagon cells are built from (its shape, its neighbourhoods' shapes and resident estimates, the grid
-- settings): the grid is rebuilt only when it changes. Hashing every shape is the costly part of this step, so an
-- incremental refresh takes the stored one for wards whose structural fingerprint (and the shared inputs) did not move.
UPDATE agg_inputs_now n
SET grid_fingerprint = s.grid_fingerprint
FROM aggregate_ward_inputs s
WHERE s.ward_id = n.ward_id AND s.fingerprint = n.fingerprint
  AND NOT (SELECT full_refresh FROM agg_params)
  AND (SELECT fingerprint FROM agg_global_now) IS NOT DISTINCT FROM (SELECT global_fingerprint FROM aggregate_state);

UPDATE agg_inputs_now n
SET grid_fingerprint = md5(concat_ws('|', w.valid_to, md5(ST_AsBinary(w.geometry)), g.fp,
                                     (SELECT concat_ws(',', hex_size_m, grid_srid) FROM agg_params)))
FROM wards w
LEFT JOIN LATERAL (
    SELECT md5(string_agg(concat_ws(',', b.id, b.valid_to, b.estimated_residents, md5(ST_AsBinary(b.geometry))), ';' ORDER BY b.id)) AS fp
    FROM neighborhoods b WHERE b.ward_id = w.id) g ON true
WHERE w.id = n.ward_id AND n.grid_fingerprint IS NULL;

-- Every ward looked at is recomputed (a queued one changed: a ward, neighbourhood, team or street was written);
-- grid_changed: its hexagon cells are rebuilt (its shape, neighbourhoods or the grid settings changed, or it is gone).
CREATE TEMP TABLE agg_seed ON COMMIT DROP AS
SELECT coalesce(n.ward_id, s.ward_id) AS ward_id, s.extent AS old_extent,
       n.grid_fingerprint IS DISTINCT FROM s.grid_fingerprint AS grid_changed
FROM agg_inputs_now n
FULL JOIN (SELECT s.* FROM aggregate_ward_inputs s JOIN agg_structure_wards c ON c.ward_id = s.ward_id) s
  ON s.ward_id = n.ward_id
WHERE coalesce(n.ward_id, s.ward_id) IN (SELECT ward_id FROM agg_structure_wards);

-- Widen the structurally changed wards to those whose figures they may feed: successors (historic figures roll up
-- to them) and wards within reach (Wi-Fi circles, street buffers and hexagons cross ward boundaries). The reach of
-- the previous refresh counts too.
CREATE TEMP TABLE agg_dirty (ward_id int PRIMARY KEY) ON COMMIT DROP;
INSERT INTO agg_dirty SELECT ward_id FROM agg_seed WHERE (SELECT full_refresh FROM agg_params);
INSERT INTO agg_dirty
WITH RECURSIVE successors (ward_id) AS (
    SELECT ward_id FROM agg_seed
    UNION
    SELECT l.successor_id FROM ward_lineage l JOIN successors s ON l.predecessor_id = s.ward_id),
reach AS (
    SELECT greatest((SELECT reach_meters FROM agg_global_now), (SELECT reach_meters FROM aggregate_state)) AS meters)
SELECT ward_id FROM successors WHERE NOT (SELECT full_refresh FROM agg_params)
UNION
SELECT w.id
FROM agg_seed s
JOIN wards changed ON changed.id = s.ward_id
JOIN wards w ON ST_DWithin(w.geometry::geography, changed.geometry::geography, (SELECT meters FROM reach))
WHERE NOT (SELECT full_refresh FROM agg_params)
UNION
SELECT w.id
FROM agg_seed s
JOIN wards w ON ST_DWithin(w.geometry::geography, s.old_extent::geography, (SELECT meters FROM reach))
WHERE s.old_extent IS NOT NULL AND NOT (SELECT full_refresh FROM agg_params);

-- Wards whose hexagon cells are rebuilt: their shape, neighbourhoods or the grid settings changed (or they are gone).
CREATE TEMP TABLE agg_grid_wards (ward_id int PRIMARY KEY) ON COMMIT DROP;
INSERT INTO agg_grid_wards SELECT ward_id FROM agg_seed WHERE grid_changed;
ANALYZE agg_dirty;
ANALYZE agg_grid_wards;
ANALYZE agg_seed;

-- Merchant family: counted by deltas. Each change is the old row (sign -1) and the new row (sign +1); adding the
-- signs to the stored counts of the units they name (ward, category, neighbourhood, nearby model streets, hexagon
-- cell) gives the recount's figures without reading any other merchant. Units recounted anyway (those of agg_dirty)
-- take no delta.
CREATE TEMP TABLE agg_merchant_changes ON COMMIT DROP AS
SELECT sign, merchant_id, ward_id, neighborhood_id, location, category, accepts_qr, has_transactions, market_id
FROM agg_changes WHERE family = 'merchant';
-- (statistics of the columns joined on only: those of the locations cost more than the rest of the step)
ANALYZE agg_merchant_changes (ward_id, neighborhood_id, category);

CREATE TEMP TABLE agg_merchant_wards (ward_id int PRIMARY KEY) ON COMMIT DROP;
INSERT INTO agg_merchant_wards
SELECT DISTINCT c.ward_id FROM agg_merchant_changes c
JOIN wards w ON w.id = c.ward_id AND w.valid_to IS NULL
WHERE NOT EXISTS (SELECT 1 FROM agg_dirty d WHERE d.ward_id = c.ward_id);

-- Wi-Fi family: each changed circle (old and new), drawn in the projection as 15_shapes draws them; the current
-- wards it meets get their coverage recomputed (agg_wifi_wards), and so do the hexagon cells it meets.
CREATE TEMP TABLE agg_wifi_changed_discs ON COMMIT DROP AS
SELECT ST_Buffer(ST_Transform(c.location, p.grid_srid), c.radius_meters, 'quad_segs=32') AS disc
FROM agg_changes c CROSS JOIN agg_params p
WHERE c.family = 'wifi';

-- (all_cells: every hexagon cell of the ward is recomputed too; a changed circle changes only the cells it meets)
CREATE TEMP TABLE agg_wifi_wards (ward_id int PRIMARY KEY, all_cells boolean NOT NULL) ON COMMIT DROP;
INSERT INTO agg_wifi_wards
SELECT DISTINCT w.id, false
FROM agg_wifi_changed_discs d
CROSS JOIN agg_params p
JOIN wards w ON w.geometry && ST_Expand(ST_Transform(d.disc, 4326), 0.001)
WHERE w.valid_to IS NULL
  AND ST_Intersects(ST_Transform(w.geometry, p.grid_srid), d.disc);

-- Coverage is the costliest figure, so a ward's coverage (its own, its neighbourhoods', its pieces of hexagon cells)
-- is kept while nothing it is computed from changed: its shape and neighbourhoods (the grid fingerprint) and the
-- active circles that can reach it (a box that never falls short). Fingerprinted for every current ward on a full
-- refresh, and for the recomputed ones and those a changed circle meets on an incremental one; a ward whose
-- fingerprint moved (or whose figures are missing) joins agg_wifi_wards.
CREATE TEMP TABLE agg_wifi_inputs ON COMMIT DROP AS
SELECT w.id AS ward_id,
       md5(concat_ws('|', 'wifi-1', CASE WHEN n.ward_id IS NOT NULL THEN n.grid_fingerprint ELSE s.grid_fingerprint END, d.fp)) AS fingerprint
FROM wards w
-- (the grid fingerprint: this refresh's for the wards it looked at, the stored one for the others)
LEFT JOIN agg_inputs_now n ON n.ward_id = w.id
LEFT JOIN aggregate_ward_inputs s ON s.ward_id = w.id
LEFT JOIN LATERAL (
    SELECT string_agg(concat_ws(',', p.id, p.radius_meters, ST_X(p.location), ST_Y(p.location)), ';' ORDER BY p.id) AS fp
    FROM wifi_points p
    WHERE p.status = 'Active'
      AND p.location && ST_Expand(w.geometry, (SELECT max_wifi_radius FROM agg_global_now)
            / (110574 * cos(radians(least(89, greatest(abs(ST_YMin(w.geometry)), abs(ST_YMax(w.geometry))) + 1)))))) d ON true
WHERE w.valid_to IS NULL
  AND ((SELECT full_refresh FROM agg_params)
       OR w.id IN (SELECT ward_id FROM agg_dirty)
       OR w.id IN (SELECT ward_id FROM agg_wifi_wards));

INSERT INTO agg_wifi_wards
SELECT f.ward_id, true
FROM agg_wifi_inputs f
LEFT JOIN aggregate_ward_inputs s ON s.ward_id = f.ward_id
WHERE f.fingerprint IS DISTINCT FROM s.wifi_fingerprint
   OR NOT EXISTS (SELECT 1 FROM agg_ward_current a WHERE a.ward_id = f.ward_id)
ON CONFLICT (ward_id) DO UPDATE SET all_cells = true;

CREATE TEMP TABLE agg_wifi_cells (i int, j int, PRIMARY KEY (i, j)) ON COMMIT DROP;
INSERT INTO agg_wifi_cells
SELECT DISTINCT g.i, g.j
FROM agg_wifi_changed_discs d
CROSS JOIN LATERAL ST_HexagonGrid((SELECT hex_size_m FROM agg_params), d.disc) g
WHERE ST_Intersects(g.geom, d.disc);

-- Report family: the month figures of the report's ward and of its successors (history rolls up to them), and the
-- city's figures of the report's month.
CREATE TEMP TABLE agg_month_wards (ward_id int PRIMARY KEY) ON COMMIT DROP;
INSERT INTO agg_month_wards SELECT ward_id FROM agg_dirty;
INSERT INTO agg_month_wards
WITH RECURSIVE successors (ward_id) AS (
    SELECT ward_id FROM agg_changes WHERE family = 'report'
    UNION
    SELECT l.successor_id FROM ward_lineage l JOIN successors s ON l.predecessor_id = s.ward_id)
SELECT ward_id FROM successors
ON CONFLICT DO NOTHING;

-- Every ward some figure of which this refresh recomputes (what the run reports as units touched; 30_model_streets
-- adds the wards of streets a changed merchant is near).
CREATE TEMP TABLE agg_touched_wards ON COMMIT DROP AS
SELECT ward_id FROM agg_month_wards
UNION SELECT ward_id FROM agg_merchant_wards
UNION SELECT ward_id FROM agg_wifi_wards;

ANALYZE agg_merchant_wards;
ANALYZE agg_wifi_wards;
ANALYZE agg_wifi_cells;
ANALYZE agg_month_wards;
