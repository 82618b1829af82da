-- Model-street compliance: the merchants within the configured distance (metres, on the geography) of the
-- street's centre line, and how many accept QR. A street is compliant when it has at least one such merchant
-- and all of them accept QR (an empty street proves nothing).

-- Recomputed: the streets of recomputed wards and those near a changed merchant's old or new location.
DELETE FROM agg_model_street
WHERE (SELECT full_refresh FROM agg_params)
   OR ward_id IN (SELECT ward_id FROM agg_dirty)
   OR model_street_id IN (SELECT s.id FROM model_streets s JOIN agg_dirty d ON d.ward_id = s.ward_id)
   OR model_street_id IN (SELECT model_street_id FROM agg_merchant_streets);

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
WHERE s.ward_id IN (SELECT ward_id FROM agg_dirty) OR s.id IN (SELECT model_street_id FROM agg_merchant_streets)
GROUP BY s.id, s.ward_id;
