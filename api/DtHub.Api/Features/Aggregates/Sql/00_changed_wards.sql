-- Which wards a refresh recomputes. Runs inside the refresh transaction after agg_params is created.
ANALYZE agg_params;
-- A ward's inputs fingerprint covers every row its figures depend on (count, id sum and latest change
-- per input table), so deletions and moves are seen as well as updates. A full refresh takes every ward.

CREATE TEMP TABLE agg_inputs_now ON COMMIT DROP AS
WITH merchant_inputs AS (
    SELECT ward_id, concat_ws(',', count(*), sum(id), max(updated_at)) AS fp FROM merchants GROUP BY ward_id),
wifi_inputs AS (
    SELECT ward_id, concat_ws(',', count(*), sum(id), max(updated_at)) AS fp FROM wifi_points GROUP BY ward_id),
neighborhood_inputs AS (
    SELECT ward_id, concat_ws(',', count(*), sum(id), max(updated_at)) AS fp FROM neighborhoods GROUP BY ward_id),
team_inputs AS (
    SELECT ward_id, concat_ws(',', count(*), sum(id), max(updated_at)) AS fp FROM teams GROUP BY ward_id),
street_inputs AS (
    SELECT ward_id, concat_ws(',', count(*), sum(id), max(updated_at)) AS fp FROM model_streets GROUP BY ward_id),
report_inputs AS (
    SELECT ward_id, concat_ws(',', count(*), sum(id), max(recorded_at), max(superseded_at)) AS fp FROM ward_reports GROUP BY ward_id),
-- What the ward's hexagon cells are built from (shapes and resident estimates): the grid is rebuilt only when it changes.
grid_inputs AS (
    SELECT ward_id, md5(string_agg(concat_ws(',', id, valid_to, estimated_residents, md5(ST_AsBinary(geometry))), ';' ORDER BY id)) AS fp
    FROM neighborhoods GROUP BY ward_id)
SELECT w.id AS ward_id,
       md5(concat_ws('|', w.updated_at, w.valid_from, w.valid_to,
                     m.fp, wi.fp, n.fp, t.fp, s.fp, r.fp)) AS fingerprint,
       md5(concat_ws('|', w.valid_to, md5(ST_AsBinary(w.geometry)), g.fp,
                     (SELECT concat_ws(',', hex_size_m, grid_srid) FROM agg_params))) AS grid_fingerprint,
       ST_Envelope(w.geometry) AS extent
FROM wards w
LEFT JOIN grid_inputs g ON g.ward_id = w.id
LEFT JOIN merchant_inputs m ON m.ward_id = w.id
LEFT JOIN wifi_inputs wi ON wi.ward_id = w.id
LEFT JOIN neighborhood_inputs n ON n.ward_id = w.id
LEFT JOIN team_inputs t ON t.ward_id = w.id
LEFT JOIN street_inputs s ON s.ward_id = w.id
LEFT JOIN report_inputs r ON r.ward_id = w.id;

-- Inputs every ward shares (targets, lineage, markets, settings): a change there recomputes everything.
CREATE TEMP TABLE agg_global_now ON COMMIT DROP AS
SELECT md5(concat_ws('|',
           (SELECT string_agg(concat_ws(',', id, indicator, scope, ward_id, value, deadline), ';' ORDER BY id) FROM targets),
           (SELECT string_agg(concat_ws(',', id, predecessor_id, successor_id, change, effective_on), ';' ORDER BY id) FROM ward_lineage),
           (SELECT string_agg(concat_ws(',', id, ward_id, is_cashless), ';' ORDER BY id) FROM markets),
           (SELECT concat_ws(',', street_distance_m, hex_size_m, grid_srid) FROM agg_params))) AS fingerprint,
       -- How far a change in one ward can reach into others: Wi-Fi radius, street distance, a hexagon's width.
       (SELECT greatest(max(p.street_distance_m), 2 * max(p.hex_size_m),
                        (SELECT coalesce(max(radius_meters), 0) FROM wifi_points WHERE status = 'Active'))
        FROM agg_params p) AS reach_meters,
       (SELECT coalesce(max(radius_meters), 0) FROM wifi_points WHERE status = 'Active') AS max_wifi_radius;

CREATE TEMP TABLE agg_seed ON COMMIT DROP AS
SELECT coalesce(n.ward_id, s.ward_id) AS ward_id, s.extent AS old_extent
FROM agg_inputs_now n
FULL JOIN aggregate_ward_inputs s ON s.ward_id = n.ward_id
WHERE (SELECT full_refresh FROM agg_params)
   OR (SELECT fingerprint FROM agg_global_now) IS DISTINCT FROM (SELECT global_fingerprint FROM aggregate_state)
   OR n.fingerprint IS DISTINCT FROM s.fingerprint
   OR n.grid_fingerprint IS DISTINCT FROM s.grid_fingerprint;

-- Widen the changed wards to those whose figures they feed: successors (historic figures roll up to them)
-- and wards within reach (Wi-Fi circles, street buffers and hexagons cross ward boundaries). The reach
-- of the previous refresh counts too, so a removed large Wi-Fi circle still clears what it covered.
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
INSERT INTO agg_grid_wards
SELECT coalesce(n.ward_id, s.ward_id)
FROM agg_inputs_now n
FULL JOIN aggregate_ward_inputs s ON s.ward_id = n.ward_id
WHERE n.grid_fingerprint IS DISTINCT FROM s.grid_fingerprint;
ANALYZE agg_dirty;
ANALYZE agg_grid_wards;
ANALYZE agg_seed;
