-- Current-state indicators per neighbourhood and per ward (merchants, QR, markets, Wi-Fi, teams,
-- model streets). Merchants and Wi-Fi points carry no history, so these describe the data as of the
-- refresh. Residents are spread uniformly over each neighbourhood's area (EstimatedResidents).
-- Recomputed wards get whole rows; wards fed only by a changed merchant or Wi-Fi circle get that family's columns.

-- A recomputed ward whose coverage is not rewritten keeps its coverage figures (and its neighbourhoods' theirs).
CREATE TEMP TABLE agg_kept_neighborhood_cover ON COMMIT DROP AS
SELECT a.neighborhood_id, a.wifi_covered_m2, a.wifi_covered_residents
FROM agg_neighborhood_current a
JOIN agg_neighborhood_shape n ON n.neighborhood_id = a.neighborhood_id AND n.recomputed AND NOT n.cover_written;

CREATE TEMP TABLE agg_kept_ward_cover ON COMMIT DROP AS
SELECT a.ward_id, a.wifi_covered_m2, a.wifi_covered_residents
FROM agg_ward_current a
JOIN agg_ward_shape w ON w.ward_id = a.ward_id AND w.recomputed AND NOT w.cover_written;

DELETE FROM agg_neighborhood_current WHERE (SELECT full_refresh FROM agg_params);
DELETE FROM agg_neighborhood_current
WHERE ward_id IN (SELECT ward_id FROM agg_dirty) AND NOT (SELECT full_refresh FROM agg_params);

INSERT INTO agg_neighborhood_current (neighborhood_id, ward_id, merchants, merchants_with_qr, merchants_active_qr,
                                      area_m2, wifi_covered_m2, estimated_residents, wifi_covered_residents, teams)
WITH merchant_counts AS (
    SELECT neighborhood_id,
           count(*) AS merchants,
           count(*) FILTER (WHERE accepts_qr) AS with_qr,
           count(*) FILTER (WHERE accepts_qr AND has_transactions) AS active_qr
    FROM merchants
    WHERE (SELECT full_refresh FROM agg_params)
       OR neighborhood_id IN (SELECT neighborhood_id FROM agg_neighborhood_shape WHERE recomputed)
    GROUP BY neighborhood_id),
team_counts AS (
    SELECT neighborhood_id, count(*) AS teams
    FROM teams
    WHERE (SELECT full_refresh FROM agg_params)
       OR neighborhood_id IN (SELECT neighborhood_id FROM agg_neighborhood_shape WHERE recomputed)
    GROUP BY neighborhood_id)
SELECT n.neighborhood_id, n.ward_id,
       coalesce(m.merchants, 0), coalesce(m.with_qr, 0), coalesce(m.active_qr, 0),
       n.area_m2,
       CASE WHEN n.cover_written THEN coalesce(c.covered_m2, 0) ELSE coalesce(k.wifi_covered_m2, 0) END,
       n.residents,
       CASE WHEN n.cover_written THEN n.residents * coalesce(c.covered_m2 / nullif(n.area_m2, 0), 0)
            ELSE coalesce(k.wifi_covered_residents, 0) END,
       coalesce(t.teams, 0)
FROM agg_neighborhood_shape n
LEFT JOIN agg_neighborhood_cover c ON c.neighborhood_id = n.neighborhood_id
LEFT JOIN agg_kept_neighborhood_cover k ON k.neighborhood_id = n.neighborhood_id
LEFT JOIN merchant_counts m ON m.neighborhood_id = n.neighborhood_id
LEFT JOIN team_counts t ON t.neighborhood_id = n.neighborhood_id
WHERE n.recomputed;

-- Wi-Fi family: coverage of the neighbourhoods of wards a changed circle meets (the rest of their rows stands).
UPDATE agg_neighborhood_current a
SET wifi_covered_m2 = coalesce(c.covered_m2, 0),
    wifi_covered_residents = n.residents * coalesce(c.covered_m2 / nullif(n.area_m2, 0), 0)
FROM agg_neighborhood_shape n
LEFT JOIN agg_neighborhood_cover c ON c.neighborhood_id = n.neighborhood_id
WHERE a.neighborhood_id = n.neighborhood_id AND n.cover_written AND NOT n.recomputed;

-- Merchant family: the deltas of the neighbourhoods a changed merchant left or joined (see 00_changed_wards).
UPDATE agg_neighborhood_current a
SET merchants = a.merchants + d.merchants, merchants_with_qr = a.merchants_with_qr + d.with_qr,
    merchants_active_qr = a.merchants_active_qr + d.active_qr
FROM (SELECT neighborhood_id,
             sum(sign) AS merchants,
             coalesce(sum(sign) FILTER (WHERE accepts_qr), 0) AS with_qr,
             coalesce(sum(sign) FILTER (WHERE accepts_qr AND has_transactions), 0) AS active_qr
      FROM agg_merchant_changes
      WHERE neighborhood_id IS NOT NULL
      GROUP BY neighborhood_id) d
WHERE a.neighborhood_id = d.neighborhood_id
  AND NOT EXISTS (SELECT 1 FROM agg_dirty x WHERE x.ward_id = a.ward_id);

DELETE FROM agg_ward_qr_category WHERE (SELECT full_refresh FROM agg_params);
DELETE FROM agg_ward_qr_category
WHERE ward_id IN (SELECT ward_id FROM agg_dirty) AND NOT (SELECT full_refresh FROM agg_params);

INSERT INTO agg_ward_qr_category (ward_id, category, merchants, merchants_with_qr, merchants_active_qr)
SELECT m.ward_id, m.category, count(*),
       count(*) FILTER (WHERE m.accepts_qr),
       count(*) FILTER (WHERE m.accepts_qr AND m.has_transactions)
FROM merchants m
JOIN agg_ward_shape w ON w.ward_id = m.ward_id AND w.recomputed
GROUP BY m.ward_id, m.category;

-- Merchant family: the deltas of the current wards a changed merchant left or joined; a category left empty has no row.
INSERT INTO agg_ward_qr_category AS q (ward_id, category, merchants, merchants_with_qr, merchants_active_qr)
SELECT c.ward_id, c.category, sum(c.sign),
       coalesce(sum(c.sign) FILTER (WHERE c.accepts_qr), 0),
       coalesce(sum(c.sign) FILTER (WHERE c.accepts_qr AND c.has_transactions), 0)
FROM agg_merchant_changes c
JOIN agg_merchant_wards w ON w.ward_id = c.ward_id
GROUP BY c.ward_id, c.category
ON CONFLICT (ward_id, category) DO UPDATE
SET merchants = q.merchants + excluded.merchants,
    merchants_with_qr = q.merchants_with_qr + excluded.merchants_with_qr,
    merchants_active_qr = q.merchants_active_qr + excluded.merchants_active_qr;

DELETE FROM agg_ward_qr_category q
USING agg_merchant_wards w
WHERE q.ward_id = w.ward_id AND q.merchants = 0;

DELETE FROM agg_ward_current WHERE (SELECT full_refresh FROM agg_params);
DELETE FROM agg_ward_current
WHERE ward_id IN (SELECT ward_id FROM agg_dirty) AND NOT (SELECT full_refresh FROM agg_params);

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
       w.area_m2,
       CASE WHEN w.cover_written THEN coalesce(c.covered_m2, 0) ELSE coalesce(kc.wifi_covered_m2, 0) END,
       coalesce(nb.residents, 0),
       CASE WHEN w.cover_written THEN coalesce(nb.covered_residents, 0) ELSE coalesce(kc.wifi_covered_residents, 0) END,
       coalesce(nb.neighborhoods, 0), coalesce(nb.with_team, 0), coalesce(t.teams, 0),
       coalesce(s.streets, 0), coalesce(s.compliant, 0)
FROM agg_ward_shape w
LEFT JOIN agg_ward_cover c ON c.ward_id = w.ward_id
LEFT JOIN agg_kept_ward_cover kc ON kc.ward_id = w.ward_id
LEFT JOIN merchant_counts m ON m.ward_id = w.ward_id
LEFT JOIN trader_counts k ON k.ward_id = w.ward_id
LEFT JOIN neighborhood_sums nb ON nb.ward_id = w.ward_id
LEFT JOIN team_counts t ON t.ward_id = w.ward_id
LEFT JOIN street_counts s ON s.ward_id = w.ward_id
WHERE w.recomputed;

-- Merchant family: the deltas of merchant and cashless-market trader counts of the wards a changed merchant left or joined.
UPDATE agg_ward_current a
SET merchants = a.merchants + d.merchants, merchants_with_qr = a.merchants_with_qr + d.with_qr,
    merchants_active_qr = a.merchants_active_qr + d.active_qr,
    market_traders = a.market_traders + d.traders, market_traders_with_qr = a.market_traders_with_qr + d.traders_with_qr,
    market_traders_active_qr = a.market_traders_active_qr + d.traders_active_qr
FROM (SELECT c.ward_id,
             sum(c.sign) AS merchants,
             coalesce(sum(c.sign) FILTER (WHERE c.accepts_qr), 0) AS with_qr,
             coalesce(sum(c.sign) FILTER (WHERE c.accepts_qr AND c.has_transactions), 0) AS active_qr,
             coalesce(sum(c.sign) FILTER (WHERE k.is_cashless), 0) AS traders,
             coalesce(sum(c.sign) FILTER (WHERE k.is_cashless AND c.accepts_qr), 0) AS traders_with_qr,
             coalesce(sum(c.sign) FILTER (WHERE k.is_cashless AND c.accepts_qr AND c.has_transactions), 0) AS traders_active_qr
      FROM agg_merchant_changes c
      JOIN agg_merchant_wards w ON w.ward_id = c.ward_id
      LEFT JOIN markets k ON k.id = c.market_id
      GROUP BY c.ward_id) d
WHERE a.ward_id = d.ward_id;

-- Merchant family: model-street counts of the wards whose streets took a delta (30_model_streets).
UPDATE agg_ward_current a
SET model_streets = coalesce(s.streets, 0), model_streets_compliant = coalesce(s.compliant, 0)
FROM (SELECT DISTINCT ward_id FROM agg_street_deltas) c
LEFT JOIN (SELECT s.ward_id, count(*) AS streets, count(*) FILTER (WHERE s.compliant) AS compliant
           FROM agg_model_street s
           WHERE s.ward_id IN (SELECT ward_id FROM agg_street_deltas)
           GROUP BY s.ward_id) s ON s.ward_id = c.ward_id
WHERE a.ward_id = c.ward_id;

-- Wi-Fi family: coverage of the wards a changed circle meets (their neighbourhoods' rows were updated above).
UPDATE agg_ward_current a
SET wifi_covered_m2 = coalesce(c.covered_m2, 0), wifi_covered_residents = coalesce(nb.covered_residents, 0)
FROM agg_wifi_wards x
LEFT JOIN agg_ward_cover c ON c.ward_id = x.ward_id
LEFT JOIN (SELECT n.ward_id, sum(n.wifi_covered_residents) AS covered_residents
           FROM agg_neighborhood_current n JOIN agg_wifi_wards y ON y.ward_id = n.ward_id
           GROUP BY n.ward_id) nb ON nb.ward_id = x.ward_id
WHERE a.ward_id = x.ward_id AND NOT EXISTS (SELECT 1 FROM agg_dirty d WHERE d.ward_id = x.ward_id);
