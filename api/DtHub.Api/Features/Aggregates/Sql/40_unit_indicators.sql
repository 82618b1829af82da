-- Current-state indicators per neighbourhood and per ward (merchants, QR, markets, Wi-Fi, teams,
-- model streets). Merchants and Wi-Fi points carry no history, so these describe the data as of the
-- refresh. Residents are spread uniformly over each neighbourhood's area (EstimatedResidents).

DELETE FROM agg_neighborhood_current
WHERE (SELECT full_refresh FROM agg_params) OR ward_id IN (SELECT ward_id FROM agg_dirty);

INSERT INTO agg_neighborhood_current (neighborhood_id, ward_id, merchants, merchants_with_qr, merchants_active_qr,
                                      area_m2, wifi_covered_m2, estimated_residents, wifi_covered_residents, teams)
WITH merchant_counts AS (
    SELECT neighborhood_id,
           count(*) AS merchants,
           count(*) FILTER (WHERE accepts_qr) AS with_qr,
           count(*) FILTER (WHERE accepts_qr AND has_transactions) AS active_qr
    FROM merchants
    WHERE (SELECT full_refresh FROM agg_params) OR neighborhood_id IN (SELECT neighborhood_id FROM agg_neighborhood_shape)
    GROUP BY neighborhood_id),
team_counts AS (
    SELECT neighborhood_id, count(*) AS teams
    FROM teams
    WHERE (SELECT full_refresh FROM agg_params) OR neighborhood_id IN (SELECT neighborhood_id FROM agg_neighborhood_shape)
    GROUP BY neighborhood_id)
SELECT n.neighborhood_id, n.ward_id,
       coalesce(m.merchants, 0), coalesce(m.with_qr, 0), coalesce(m.active_qr, 0),
       n.area_m2, coalesce(c.covered_m2, 0),
       n.residents,
       n.residents * coalesce(c.covered_m2 / nullif(n.area_m2, 0), 0),
       coalesce(t.teams, 0)
FROM agg_neighborhood_shape n
LEFT JOIN agg_neighborhood_cover c ON c.neighborhood_id = n.neighborhood_id
LEFT JOIN merchant_counts m ON m.neighborhood_id = n.neighborhood_id
LEFT JOIN team_counts t ON t.neighborhood_id = n.neighborhood_id;

DELETE FROM agg_ward_qr_category
WHERE (SELECT full_refresh FROM agg_params) OR ward_id IN (SELECT ward_id FROM agg_dirty);

INSERT INTO agg_ward_qr_category (ward_id, category, merchants, merchants_with_qr, merchants_active_qr)
SELECT m.ward_id, m.category, count(*),
       count(*) FILTER (WHERE m.accepts_qr),
       count(*) FILTER (WHERE m.accepts_qr AND m.has_transactions)
FROM merchants m
JOIN agg_ward_shape w ON w.ward_id = m.ward_id AND w.recomputed
GROUP BY m.ward_id, m.category;

DELETE FROM agg_ward_current
WHERE (SELECT full_refresh FROM agg_params) OR ward_id IN (SELECT ward_id FROM agg_dirty);

INSERT INTO agg_ward_current (ward_id, merchants, merchants_with_qr, merchants_active_qr,
                              market_traders, market_traders_with_qr, market_traders_active_qr,
                              area_m2, wifi_covered_m2, estimated_residents, wifi_covered_residents,
                              neighborhoods, neighborhoods_with_team, teams, model_streets, model_streets_compliant)
WITH merchant_counts AS (
    SELECT m.ward_id, sum(m.merchants) AS merchants, sum(m.merchants_with_qr) AS with_qr, sum(m.merchants_active_qr) AS active_qr
    FROM agg_ward_qr_category m JOIN agg_ward_shape w ON w.ward_id = m.ward_id AND w.recomputed
    GROUP BY m.ward_id),
trader_counts AS (
    SELECT mm.ward_id,
           count(*) AS traders,
           count(*) FILTER (WHERE mm.accepts_qr) AS with_qr,
           count(*) FILTER (WHERE mm.accepts_qr AND mm.has_transactions) AS active_qr
    FROM merchants mm
    JOIN markets k ON k.id = mm.market_id AND k.is_cashless
    JOIN agg_ward_shape w ON w.ward_id = mm.ward_id AND w.recomputed
    GROUP BY mm.ward_id),
neighborhood_sums AS (
    SELECT a.ward_id,
           sum(a.estimated_residents) AS residents,
           sum(a.wifi_covered_residents) AS covered_residents,
           count(*) AS neighborhoods,
           count(*) FILTER (WHERE a.teams > 0) AS with_team
    FROM agg_neighborhood_current a JOIN agg_ward_shape w ON w.ward_id = a.ward_id AND w.recomputed
    GROUP BY a.ward_id),
team_counts AS (
    SELECT t.ward_id, count(*) AS teams FROM teams t JOIN agg_ward_shape w ON w.ward_id = t.ward_id AND w.recomputed GROUP BY t.ward_id),
street_counts AS (
    SELECT s.ward_id, count(*) AS streets, count(*) FILTER (WHERE s.compliant) AS compliant
    FROM agg_model_street s JOIN agg_ward_shape w ON w.ward_id = s.ward_id AND w.recomputed
    GROUP BY s.ward_id)
SELECT w.ward_id,
       coalesce(m.merchants, 0), coalesce(m.with_qr, 0), coalesce(m.active_qr, 0),
       coalesce(k.traders, 0), coalesce(k.with_qr, 0), coalesce(k.active_qr, 0),
       w.area_m2, coalesce(c.covered_m2, 0),
       coalesce(nb.residents, 0), coalesce(nb.covered_residents, 0),
       coalesce(nb.neighborhoods, 0), coalesce(nb.with_team, 0), coalesce(t.teams, 0),
       coalesce(s.streets, 0), coalesce(s.compliant, 0)
FROM agg_ward_shape w
LEFT JOIN agg_ward_cover c ON c.ward_id = w.ward_id
LEFT JOIN merchant_counts m ON m.ward_id = w.ward_id
LEFT JOIN trader_counts k ON k.ward_id = w.ward_id
LEFT JOIN neighborhood_sums nb ON nb.ward_id = w.ward_id
LEFT JOIN team_counts t ON t.ward_id = w.ward_id
LEFT JOIN street_counts s ON s.ward_id = w.ward_id
WHERE w.recomputed;
