-- Model-street compliance: the merchants within the configured distance (metres, on the geography) of the
-- street's centre line, and how many accept QR. A street is compliant when it has at least one such merchant
-- and all of them accept QR (an empty street proves nothing). The ones that do not (the street's holdouts) are kept
-- in agg_street_holdouts, so the gap reports list them by key and agree with the counts.

-- Recounted: the streets of recomputed wards (every street on a full refresh).
WITH recounted AS (
    DELETE FROM agg_model_street
    WHERE (SELECT full_refresh FROM agg_params)
       OR ward_id IN (SELECT ward_id FROM agg_dirty)
       OR model_street_id IN (SELECT s.id FROM model_streets s JOIN agg_dirty d ON d.ward_id = s.ward_id)
    RETURNING model_street_id)
DELETE FROM agg_street_holdouts WHERE model_street_id IN (SELECT model_street_id FROM recounted);

-- (one pass over the merchants near each street, grouped per street as before the holdouts were kept: a join on a
-- materialized list of street-merchant pairs was planned as a nested loop over it, minutes at national scale)
WITH recount AS MATERIALIZED (
    SELECT s.id AS model_street_id, s.ward_id,
           count(m.id)::int AS merchants,
           count(m.id) FILTER (WHERE m.accepts_qr)::int AS with_qr,
           array_agg(m.id) FILTER (WHERE NOT m.accepts_qr) AS holdouts
    FROM model_streets s
    CROSS JOIN agg_params p
    LEFT JOIN LATERAL (
        SELECT near.id, near.accepts_qr
        -- A cheap bound in degrees (never shorter than the distance: taken at the street's far edge from the equator)
        -- lets the location index answer; OFFSET 0 keeps it apart, so the spheroid distance only sees its few rows.
        FROM (SELECT m.id, m.accepts_qr, m.location
              FROM merchants m
              WHERE ST_DWithin(m.location, s.geometry,
                               p.street_distance_m / (110574 * cos(radians(least(89, greatest(abs(ST_YMin(s.geometry)), abs(ST_YMax(s.geometry))) + 1)))))
              OFFSET 0) near
        WHERE ST_DWithin(near.location::geography, s.geometry::geography, p.street_distance_m)) m ON true
    WHERE s.ward_id IN (SELECT ward_id FROM agg_dirty)
    GROUP BY s.id, s.ward_id),
holdouts AS (
    INSERT INTO agg_street_holdouts (model_street_id, merchant_id)
    SELECT model_street_id, unnest(holdouts) FROM recount WHERE holdouts IS NOT NULL)
INSERT INTO agg_model_street (model_street_id, ward_id, merchants, merchants_with_qr, compliant)
SELECT model_street_id, ward_id, merchants, with_qr, merchants > 0 AND merchants = with_qr
FROM recount;

-- The streets' grid cells (agg_street_cells): each street is listed in every cell of a 0.002-degree grid that a place
-- within the street distance of it can lie in (the cells of its segments, cut to at most a cell's width, widened by
-- the recount's never-shorter bound in degrees), so a changed merchant finds its candidate streets by a key lookup (a
-- spatial index probe per place was most of a small refresh). Re-listed when a street's shape or the distance changed,
-- or it is new or gone: every street is checked on a full refresh, those of recomputed wards on an incremental one.
CREATE TEMP TABLE agg_street_shapes ON COMMIT DROP AS
SELECT s.id AS model_street_id, s.ward_id,
       md5(concat_ws('|', md5(ST_AsBinary(s.geometry)), p.street_distance_m, 0.002)) AS shape
FROM model_streets s
CROSS JOIN agg_params p
WHERE p.full_refresh OR s.ward_id IN (SELECT ward_id FROM agg_dirty);

CREATE TEMP TABLE agg_street_relisted ON COMMIT DROP AS
SELECT coalesce(n.model_street_id, o.model_street_id) AS model_street_id, n.model_street_id IS NOT NULL AS present
FROM agg_street_shapes n
FULL JOIN (SELECT r.* FROM agg_street_registered r
           WHERE (SELECT full_refresh FROM agg_params) OR r.ward_id IN (SELECT ward_id FROM agg_dirty)) o
  ON o.model_street_id = n.model_street_id
WHERE n.shape IS DISTINCT FROM o.shape OR n.ward_id IS DISTINCT FROM o.ward_id;
ANALYZE agg_street_relisted;

DELETE FROM agg_street_cells WHERE model_street_id IN (SELECT model_street_id FROM agg_street_relisted);
DELETE FROM agg_street_registered WHERE model_street_id IN (SELECT model_street_id FROM agg_street_relisted);
INSERT INTO agg_street_registered (model_street_id, ward_id, shape)
SELECT n.model_street_id, n.ward_id, n.shape
FROM agg_street_shapes n JOIN agg_street_relisted r ON r.model_street_id = n.model_street_id AND r.present;

-- (a place within the distance lies within the bound of some point of some segment piece: its cell is listed; the
-- pieces are ST_Segmentize's, whose vertices lie on the street's planar segments, hence the hair of extra margin)
INSERT INTO agg_street_cells (cx, cy, model_street_id)
SELECT DISTINCT x.cx, y.cy, s.id
FROM agg_street_relisted r
JOIN model_streets s ON s.id = r.model_street_id AND r.present
CROSS JOIN agg_params p
CROSS JOIN LATERAL (
    SELECT p.street_distance_m / (110574 * cos(radians(least(89, greatest(abs(ST_YMin(s.geometry)), abs(ST_YMax(s.geometry))) + 1))))
           + 1e-9 AS bound) b
CROSS JOIN LATERAL ST_DumpSegments(ST_Segmentize(s.geometry, 0.002)) piece
CROSS JOIN LATERAL generate_series(floor((ST_XMin(piece.geom) - b.bound) / 0.002)::int, floor((ST_XMax(piece.geom) + b.bound) / 0.002)::int) x (cx)
CROSS JOIN LATERAL generate_series(floor((ST_YMin(piece.geom) - b.bound) / 0.002)::int, floor((ST_YMax(piece.geom) + b.bound) / 0.002)::int) y (cy);

-- Merchant family: each changed merchant's old (-1) and new (+1) row, for the streets it is within the distance of,
-- by the same test as above; streets recounted above take no delta. Per street and merchant, the signs add up to the
-- change of its counts and of its holdouts (-1: no longer one, +1: now one).
-- (summed per place and merchant first: a change that only flips a flag is one lookup, and one that changes nothing none)
CREATE TEMP TABLE agg_street_deltas ON COMMIT DROP AS
SELECT s.id AS model_street_id, s.ward_id, c.merchant_id,
       sum(c.merchants)::int AS merchants, sum(c.with_qr)::int AS with_qr, sum(c.merchants - c.with_qr)::int AS holdout
FROM (SELECT location, merchant_id, floor(ST_X(location) / 0.002)::int AS cx, floor(ST_Y(location) / 0.002)::int AS cy,
             sum(sign) AS merchants, coalesce(sum(sign) FILTER (WHERE accepts_qr), 0) AS with_qr
      FROM agg_merchant_changes
      GROUP BY location, merchant_id
      HAVING sum(sign) <> 0 OR coalesce(sum(sign) FILTER (WHERE accepts_qr), 0) <> 0) c
CROSS JOIN agg_params p
-- The streets listed in the place's cell, then the same never-shorter bound in degrees as the recount (at the place's
-- latitude plus a degree, planar: cheap); the spheroid distance only sees the streets it lets through.
JOIN LATERAL (
    SELECT s.id, s.ward_id, s.geometry
    FROM agg_street_cells k
    JOIN model_streets s ON s.id = k.model_street_id
    WHERE k.cx = c.cx AND k.cy = c.cy
      AND ST_DWithin(s.geometry, c.location,
                     p.street_distance_m / (110574 * cos(radians(least(89, abs(ST_Y(c.location)) + 1)))))
    OFFSET 0) s ON ST_DWithin(c.location::geography, s.geometry::geography, p.street_distance_m)
WHERE NOT EXISTS (SELECT 1 FROM agg_dirty d WHERE d.ward_id = s.ward_id)
GROUP BY s.id, s.ward_id, c.merchant_id;

UPDATE agg_model_street a
SET merchants = a.merchants + d.merchants,
    merchants_with_qr = a.merchants_with_qr + d.with_qr,
    compliant = a.merchants + d.merchants > 0 AND a.merchants + d.merchants = a.merchants_with_qr + d.with_qr
FROM (SELECT model_street_id, sum(merchants) AS merchants, sum(with_qr) AS with_qr
      FROM agg_street_deltas GROUP BY model_street_id) d
WHERE a.model_street_id = d.model_street_id;

DELETE FROM agg_street_holdouts h
USING agg_street_deltas d
WHERE d.holdout < 0 AND h.model_street_id = d.model_street_id AND h.merchant_id = d.merchant_id;
INSERT INTO agg_street_holdouts (model_street_id, merchant_id)
SELECT model_street_id, merchant_id FROM agg_street_deltas WHERE holdout > 0
ON CONFLICT DO NOTHING;

INSERT INTO agg_touched_wards
SELECT DISTINCT ward_id FROM agg_street_deltas EXCEPT SELECT ward_id FROM agg_touched_wards;
