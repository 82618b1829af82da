-- Small SQL functions that give PostGraphile what DtHub has built in (distances and proximity in metres),
-- so the comparison measures the engines, not a missing feature. Simple STABLE SQL functions are inlined by
-- PostgreSQL, so the same GiST indexes serve both.
CREATE OR REPLACE FUNCTION merchants_within(lon float8, lat float8, metres float8) RETURNS SETOF merchants
LANGUAGE sql STABLE AS $$
  SELECT * FROM merchants m
  WHERE ST_DWithin(m.location::geography, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography, metres)
  ORDER BY m.id $$;

CREATE OR REPLACE FUNCTION merchants_in_bbox(west float8, south float8, east float8, north float8) RETURNS SETOF merchants
LANGUAGE sql STABLE AS $$
  SELECT * FROM merchants m WHERE m.location && ST_MakeEnvelope(west, south, east, north, 4326) ORDER BY m.id $$;

CREATE OR REPLACE FUNCTION merchants_distance_from(m merchants, lon float8, lat float8) RETURNS float8
LANGUAGE sql STABLE AS $$
  SELECT ST_Distance(m.location::geography, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) $$;

CREATE OR REPLACE FUNCTION wifi_points_nearest(lon float8, lat float8) RETURNS SETOF wifi_points
LANGUAGE sql STABLE AS $$
  SELECT * FROM wifi_points w
  ORDER BY w.location::geography <-> ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography $$;

CREATE OR REPLACE FUNCTION wifi_points_distance_from(w wifi_points, lon float8, lat float8) RETURNS float8
LANGUAGE sql STABLE AS $$
  SELECT ST_Distance(w.location::geography, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) $$;

CREATE OR REPLACE FUNCTION wards_simplified_geometry(w wards, metres float8) RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_SimplifyPreserveTopology(w.geometry, metres / 111320.0) $$;

-- A ward's current report (not superseded). PostGraphile's generated ward → reports relation cannot use the
-- partial unique index (ward_id, month) WHERE superseded_at IS NULL, and would also list superseded versions:
-- in a first national run it took 9.4 s for one province's choropleth. These give it DtHub's answer and index.
CREATE OR REPLACE FUNCTION wards_report_for(w wards, month date) RETURNS ward_reports
LANGUAGE sql STABLE AS $$
  SELECT * FROM ward_reports r WHERE r.ward_id = w.id AND r.month = $2 AND r.superseded_at IS NULL $$;

CREATE OR REPLACE FUNCTION wards_latest_report(w wards) RETURNS ward_reports
LANGUAGE sql STABLE AS $$
  SELECT * FROM ward_reports r WHERE r.ward_id = w.id AND r.superseded_at IS NULL ORDER BY r.month DESC LIMIT 1 $$;
