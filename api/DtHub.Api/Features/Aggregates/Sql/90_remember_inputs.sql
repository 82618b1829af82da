-- Remember what this refresh saw, for the next incremental one to compare against.

DELETE FROM aggregate_ward_inputs
WHERE (SELECT full_refresh FROM agg_params) OR ward_id IN (SELECT ward_id FROM agg_seed);

INSERT INTO aggregate_ward_inputs (ward_id, fingerprint, grid_fingerprint, extent)
SELECT n.ward_id, n.fingerprint, n.grid_fingerprint, n.extent
FROM agg_inputs_now n
WHERE (SELECT full_refresh FROM agg_params) OR n.ward_id IN (SELECT ward_id FROM agg_seed);

UPDATE aggregate_ward_inputs s
SET wifi_fingerprint = f.fingerprint
FROM agg_wifi_inputs f
WHERE s.ward_id = f.ward_id;

UPDATE aggregate_state
SET global_fingerprint = (SELECT fingerprint FROM agg_global_now),
    reach_meters = (SELECT reach_meters FROM agg_global_now);
