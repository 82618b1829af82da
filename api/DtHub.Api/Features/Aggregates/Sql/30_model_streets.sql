-- Model-street compliance: the merchants within the configured distance (metres, on the geography)
-- of the street's centre line, and how many accept QR. A street is compliant when it has at least one
-- such merchant and all of them accept QR (an empty street proves nothing).

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
JOIN agg_dirty d ON d.ward_id = s.ward_id
LEFT JOIN merchants m ON ST_DWithin(m.location::geography, s.geometry::geography, (SELECT street_distance_m FROM agg_params))
GROUP BY s.id, s.ward_id;
