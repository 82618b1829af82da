-- Public Wi-Fi coverage: the union of the active points' circles (radius in metres) clipped to each ward, computed
-- once per ward (each circle clipped to the ward first; one inside it is kept whole). The union is then cut into
-- small parts (ST_Subdivide) so that neighbourhoods and hexagon cells add up the parts they hold whole and only
-- intersect the few on their edges. Parts of different wards never overlap, so their areas add up. Only for the wards
-- that need it (15_shapes): a ward whose circles, shape and neighbourhoods did not change keeps its stored coverage.

CREATE TEMP TABLE agg_ward_cover_shape ON COMMIT DROP AS
SELECT w.ward_id,
       CASE WHEN count(*) = 1 THEN (array_agg(x.piece))[1] ELSE ST_UnaryUnion(ST_Collect(x.piece)) END AS shape
FROM agg_ward_shape w
JOIN agg_discs d ON ST_Intersects(w.shape, d.disc)
CROSS JOIN LATERAL (SELECT CASE WHEN ST_Covers(w.shape, d.disc) THEN d.disc ELSE ST_Intersection(w.shape, d.disc) END AS piece) x
WHERE w.needs_cover
GROUP BY w.ward_id;

CREATE TEMP TABLE agg_ward_cover ON COMMIT DROP AS
SELECT c.ward_id, ST_Area(c.shape) * w.ground_per_planar AS covered_m2
FROM agg_ward_cover_shape c JOIN agg_ward_shape w ON w.ward_id = c.ward_id;

CREATE TEMP TABLE agg_cover_parts ON COMMIT DROP AS
SELECT c.ward_id, p.part, ST_Area(p.part) AS area
FROM agg_ward_cover_shape c
CROSS JOIN LATERAL ST_Subdivide(c.shape, 64) p(part);
CREATE INDEX ON agg_cover_parts USING gist (part);
ANALYZE agg_cover_parts;

CREATE TEMP TABLE agg_neighborhood_cover ON COMMIT DROP AS
SELECT n.neighborhood_id,
       sum(CASE WHEN ST_Covers(n.shape, c.part) THEN c.area ELSE ST_Area(ST_Intersection(n.shape, c.part)) END)
         * n.ground_per_planar AS covered_m2
FROM agg_neighborhood_shape n
JOIN agg_cover_parts c ON ST_Intersects(n.shape, c.part)
WHERE n.cover_written
GROUP BY n.neighborhood_id, n.ground_per_planar;
