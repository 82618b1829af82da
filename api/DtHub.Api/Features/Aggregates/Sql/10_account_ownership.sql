-- Account ownership per ward and month, and per city and month, from the current (not superseded)
-- ward reports. A report missing either figure adds to neither. Figures of wards merged into another
-- (ward_lineage Merge/Rename) roll up into their successor for the months before the merge, so the
-- successor's series is comparable across the merge. Targets: see 'target rule' in docs/AGGREGATES.md.

-- Recomputed: the wards of agg_month_wards (structurally changed, or fed by a changed report) and their months.
CREATE TEMP TABLE agg_dirty_months ON COMMIT DROP AS
SELECT month FROM agg_ward_month WHERE ward_id IN (SELECT ward_id FROM agg_month_wards)
UNION
SELECT month FROM ward_reports WHERE ward_id IN (SELECT ward_id FROM agg_month_wards)
UNION
SELECT month FROM agg_changes WHERE family = 'report';

-- (two statements: an OR with the full-refresh flag would keep PostgreSQL from using the index on an incremental one)
DELETE FROM agg_ward_month WHERE (SELECT full_refresh FROM agg_params);
DELETE FROM agg_ward_month
WHERE ward_id IN (SELECT ward_id FROM agg_month_wards) AND NOT (SELECT full_refresh FROM agg_params);

INSERT INTO agg_ward_month (ward_id, month, holders, residents15plus, rate, target, gap, reports, rolled_up_from)
WITH RECURSIVE ancestry (ward_id, source_id, rolls_up_before) AS (
    SELECT w.id, w.id, 'infinity'::date FROM wards w JOIN agg_month_wards d ON d.ward_id = w.id
    UNION ALL
    SELECT a.ward_id, l.predecessor_id, least(a.rolls_up_before, l.effective_on)
    FROM ancestry a
    JOIN ward_lineage l ON l.successor_id = a.source_id AND l.change IN ('Merge', 'Rename')),
sources AS (
    SELECT ward_id, source_id, max(rolls_up_before) AS rolls_up_before FROM ancestry GROUP BY ward_id, source_id),
figures AS (
    SELECT s.ward_id, r.month,
           sum(r.account_holders15plus) FILTER (WHERE r.account_holders15plus IS NOT NULL AND r.residents15plus IS NOT NULL) AS holders,
           sum(r.residents15plus) FILTER (WHERE r.account_holders15plus IS NOT NULL AND r.residents15plus IS NOT NULL) AS residents15plus,
           count(*) AS reports,
           coalesce(array_agg(DISTINCT r.ward_id ORDER BY r.ward_id) FILTER (WHERE r.ward_id <> s.ward_id), '{}') AS rolled_up_from
    FROM sources s
    JOIN ward_reports r ON r.ward_id = s.source_id AND r.superseded_at IS NULL AND r.month < s.rolls_up_before
    GROUP BY s.ward_id, r.month)
SELECT f.ward_id, f.month, f.holders, f.residents15plus, x.rate, t.value, x.rate - t.value, f.reports, f.rolled_up_from
FROM figures f
CROSS JOIN LATERAL (SELECT f.holders::numeric / nullif(f.residents15plus, 0) AS rate) x
LEFT JOIN LATERAL (
    SELECT t.value FROM targets t
    WHERE t.indicator = 'account_ownership_15plus'
      AND (t.scope = 'EachWard' OR (t.scope = 'Ward' AND t.ward_id = f.ward_id))
    ORDER BY t.scope = 'Ward' DESC,                             -- a ward's own target before the shared one
             t.deadline < f.month,                              -- deadlines on or after the month first,
             CASE WHEN t.deadline >= f.month THEN t.deadline END, -- the earliest of them;
             t.deadline DESC,                                   -- else the latest that has passed
             t.value                                            -- a band (65-70 %): its lower end counts as met
    LIMIT 1) t ON true;

DELETE FROM agg_city_month WHERE (SELECT full_refresh FROM agg_params);
DELETE FROM agg_city_month
WHERE month IN (SELECT month FROM agg_dirty_months) AND NOT (SELECT full_refresh FROM agg_params);

-- The city's figures are every report of the month counted once (no roll-up: each report is one unit's).
INSERT INTO agg_city_month (month, holders, residents15plus, rate, target, gap, reports)
WITH figures AS (
    SELECT r.month,
           sum(r.account_holders15plus) FILTER (WHERE r.account_holders15plus IS NOT NULL AND r.residents15plus IS NOT NULL) AS holders,
           sum(r.residents15plus) FILTER (WHERE r.account_holders15plus IS NOT NULL AND r.residents15plus IS NOT NULL) AS residents15plus,
           count(*) AS reports
    FROM ward_reports r
    WHERE r.superseded_at IS NULL
      -- (on a full refresh every ward's months are dirty: every month with a report)
      AND r.month IN (SELECT month FROM agg_dirty_months)
    GROUP BY r.month)
SELECT f.month, f.holders, f.residents15plus, x.rate, t.value, x.rate - t.value, f.reports
FROM figures f
CROSS JOIN LATERAL (SELECT f.holders::numeric / nullif(f.residents15plus, 0) AS rate) x
LEFT JOIN LATERAL (
    SELECT t.value FROM targets t
    WHERE t.indicator = 'account_ownership_15plus' AND t.scope = 'City'
    ORDER BY t.deadline < f.month, CASE WHEN t.deadline >= f.month THEN t.deadline END, t.deadline DESC, t.value
    LIMIT 1) t ON true;
