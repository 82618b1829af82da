-- Current-state indicators per neighbourhood and per ward (merchants, QR, markets, Wi-Fi, teams,
-- model streets). Merchants and Wi-Fi points carry no history, so these describe the data as of the
-- refresh. Residents are spread uniformly over each neighbourhood's area (EstimatedResidents).

DELETE FROM agg_neighborhood_current
WHERE (SELECT full_refresh FROM agg_params) OR ward_id IN (SELECT ward_id FROM agg_dirty);

INSERT INTO agg_neighborhood_current (neighborhood_id, ward_id, merchants, merchants_with_qr, merchants_active_qr,
                                      area_m2, wifi_covered_m2, estimated_residents, wifi_covered_residents, teams)
SELECT n.id, n.ward_id, m.merchants, m.with_qr, m.active_qr,
       a.area_m2, a.covered_m2,
       coalesce(n.estimated_residents, 0),
       coalesce(n.estimated_residents, 0) * coalesce(a.covered_m2 / nullif(a.area_m2, 0), 0),
       t.teams
FROM neighborhoods n
JOIN agg_dirty d ON d.ward_id = n.ward_id
LEFT JOIN agg_wifi_cover c ON c.ward_id = n.ward_id
CROSS JOIN LATERAL (
    SELECT ST_Area(n.geometry::geography) AS area_m2,
           coalesce(ST_Area(ST_Intersection(n.geometry, c.coverage)::geography), 0) AS covered_m2) a
CROSS JOIN LATERAL (
    SELECT count(*) AS merchants,
           count(*) FILTER (WHERE accepts_qr) AS with_qr,
           count(*) FILTER (WHERE accepts_qr AND has_transactions) AS active_qr
    FROM merchants WHERE neighborhood_id = n.id) m
CROSS JOIN LATERAL (SELECT count(*) AS teams FROM teams WHERE neighborhood_id = n.id) t
WHERE n.valid_to IS NULL;

DELETE FROM agg_ward_qr_category
WHERE (SELECT full_refresh FROM agg_params) OR ward_id IN (SELECT ward_id FROM agg_dirty);

INSERT INTO agg_ward_qr_category (ward_id, category, merchants, merchants_with_qr, merchants_active_qr)
SELECT m.ward_id, m.category, count(*),
       count(*) FILTER (WHERE m.accepts_qr),
       count(*) FILTER (WHERE m.accepts_qr AND m.has_transactions)
FROM merchants m
JOIN agg_dirty d ON d.ward_id = m.ward_id
JOIN wards w ON w.id = m.ward_id AND w.valid_to IS NULL
GROUP BY m.ward_id, m.category;

DELETE FROM agg_ward_current
WHERE (SELECT full_refresh FROM agg_params) OR ward_id IN (SELECT ward_id FROM agg_dirty);

INSERT INTO agg_ward_current (ward_id, merchants, merchants_with_qr, merchants_active_qr,
                              market_traders, market_traders_with_qr, market_traders_active_qr,
                              area_m2, wifi_covered_m2, estimated_residents, wifi_covered_residents,
                              neighborhoods, neighborhoods_with_team, teams, model_streets, model_streets_compliant)
SELECT w.id, m.merchants, m.with_qr, m.active_qr,
       k.traders, k.with_qr, k.active_qr,
       ST_Area(w.geometry::geography),
       coalesce(ST_Area(ST_Intersection(w.geometry, c.coverage)::geography), 0),
       coalesce(nb.residents, 0), coalesce(nb.covered_residents, 0),
       nb.neighborhoods, nb.with_team, t.teams, s.streets, s.compliant
FROM wards w
JOIN agg_dirty d ON d.ward_id = w.id
LEFT JOIN agg_wifi_cover c ON c.ward_id = w.id
CROSS JOIN LATERAL (
    SELECT count(*) AS merchants,
           count(*) FILTER (WHERE accepts_qr) AS with_qr,
           count(*) FILTER (WHERE accepts_qr AND has_transactions) AS active_qr
    FROM merchants WHERE ward_id = w.id) m
CROSS JOIN LATERAL (
    SELECT count(*) AS traders,
           count(*) FILTER (WHERE mm.accepts_qr) AS with_qr,
           count(*) FILTER (WHERE mm.accepts_qr AND mm.has_transactions) AS active_qr
    FROM merchants mm JOIN markets k ON k.id = mm.market_id AND k.is_cashless
    WHERE mm.ward_id = w.id) k
CROSS JOIN LATERAL (
    SELECT sum(estimated_residents) AS residents,
           sum(wifi_covered_residents) AS covered_residents,
           count(*) AS neighborhoods,
           count(*) FILTER (WHERE teams > 0) AS with_team
    FROM agg_neighborhood_current WHERE ward_id = w.id) nb
CROSS JOIN LATERAL (SELECT count(*) AS teams FROM teams WHERE ward_id = w.id) t
CROSS JOIN LATERAL (
    SELECT count(*) AS streets, count(*) FILTER (WHERE compliant) AS compliant
    FROM agg_model_street WHERE ward_id = w.id) s
WHERE w.valid_to IS NULL;
