-- Public Wi-Fi coverage: the union of the active points' circles, each drawn on the geography
-- (radius in metres, 128-gon), clipped to the unit; areas on the spheroid in square metres.
-- One coverage shape per changed current ward, reused by its neighbourhoods.

CREATE TEMP TABLE agg_wifi_cover ON COMMIT DROP AS
SELECT w.id AS ward_id,
       (SELECT ST_Union(ST_Buffer(p.location::geography, p.radius_meters, 'quad_segs=32')::geometry)
        FROM wifi_points p
        WHERE p.status = 'Active'
          -- the constant bound lets the geography index answer; the row's own radius then decides
          AND ST_DWithin(p.location::geography, w.geometry::geography, (SELECT max_wifi_radius FROM agg_global_now))
          AND ST_DWithin(p.location::geography, w.geometry::geography, p.radius_meters)) AS coverage
FROM wards w
JOIN agg_dirty d ON d.ward_id = w.id
WHERE w.valid_to IS NULL;
