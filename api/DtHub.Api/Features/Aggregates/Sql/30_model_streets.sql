-- Model-street compliance: the merchants within the configured distance (metres, on the geography) of the
-- street's centre line, and how many accept QR. A street is compliant when it has at least one such merchant
-- and all of them accept QR (an empty street proves nothing).

-- Recounted: the streets of recomputed wards (every street on a full refresh).
DELETE FROM agg_model_street
WHERE (SELECT full_refresh FROM agg_params)
   OR ward_id IN (SELECT ward_id FROM agg_dirty)
   OR model_street_id IN (SELECT s.id FROM model_streets s JOIN agg_dirty d ON d.ward_id = s.ward_id);

INSERT INTO agg_model_street (model_street_id, ward_id, merchants, merchants_with_qr, compliant)
SELECT s.id, s.ward_id,
       count(m.id),
       count(m.id) FILTER (WHERE m.accepts_qr),
       count(m.id) > 0 AND count(m.id) = count(m.id) FILTER (WHERE m.accepts_qr)
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
GROUP BY s.id, s.ward_id;

-- Merchant family: each changed merchant's old (-1) and new (+1) row counts for the streets it is within the distance
-- of, by the same test as above; streets recounted above take no delta.
-- (summed per place first: a change that only flips a flag is one lookup, and one that changes nothing none)
CREATE TEMP TABLE agg_street_deltas ON COMMIT DROP AS
SELECT s.id AS model_street_id, s.ward_id, sum(c.merchants)::int AS merchants, sum(c.with_qr)::int AS with_qr
FROM (SELECT location, sum(sign) AS merchants, coalesce(sum(sign) FILTER (WHERE accepts_qr), 0) AS with_qr
      FROM agg_merchant_changes
      GROUP BY location
      HAVING sum(sign) <> 0 OR coalesce(sum(sign) FILTER (WHERE accepts_qr), 0) <> 0) c
CROSS JOIN agg_params p
-- The same never-shorter bound in degrees as the recount (at the place's latitude plus a degree), answered by the
-- geometry index and the cheap planar distance; the spheroid distance only sees the streets it lets through.
JOIN LATERAL (
    SELECT s.id, s.ward_id, s.geometry
    FROM model_streets s
    WHERE ST_DWithin(s.geometry, c.location,
                     p.street_distance_m / (110574 * cos(radians(least(89, abs(ST_Y(c.location)) + 1)))))
    OFFSET 0) s ON ST_DWithin(c.location::geography, s.geometry::geography, p.street_distance_m)
WHERE NOT EXISTS (SELECT 1 FROM agg_dirty d WHERE d.ward_id = s.ward_id)
GROUP BY s.id, s.ward_id;

UPDATE agg_model_street a
SET merchants = a.merchants + d.merchants,
    merchants_with_qr = a.merchants_with_qr + d.with_qr,
    compliant = a.merchants + d.merchants > 0 AND a.merchants + d.merchants = a.merchants_with_qr + d.with_qr
FROM agg_street_deltas d
WHERE a.model_street_id = d.model_street_id;

INSERT INTO agg_touched_wards
SELECT DISTINCT ward_id FROM agg_street_deltas EXCEPT SELECT ward_id FROM agg_touched_wards;
