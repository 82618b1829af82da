-- Public Wi-Fi coverage: the union of the active points' circles (radius in metres) clipped to each ward, computed
-- once per ward (each circle clipped to the ward first; one inside it is kept whole). The union is then cut into
-- small parts (ST_Subdivide) so that neighbourhoods and hexagon cells add up the parts they hold whole and only
-- intersect the few on their edges. Parts of different wards never overlap, so their areas add up. Only for the wards
-- that need it (15_shapes): a ward whose circles, shape and neighbourhoods did not change keeps its stored coverage.
--
-- Both cores: the statements below run in parallel workers, each taking whole wards (or neighbourhoods), when there
-- are enough of them to be worth it (the first full refresh after installing: all 10,656 wards of the country). Their
-- inputs are unlogged tables of this transaction (15_shapes), and the union of a ward is a function call, because
-- PostgreSQL 15 keeps a LATERAL subquery that refers to the outer row (or a GROUP BY's final union) in the leader.
-- (Small as these tables are, their scans are worth sharing when each row costs a union, and there are many: only
-- then, as workers cost ~20 ms to start, and the planner, which takes an empty table for ten pages, would start them
-- for an incremental refresh with no coverage to recompute.)
SELECT set_config('min_parallel_table_scan_size', '0', true)
WHERE (SELECT count(*) FROM agg_ward_shape WHERE needs_cover) >= 100;
-- (COST: a union of circles is thousands of times an operator's cost, so the planner shares wards among workers)
CREATE OR REPLACE FUNCTION pg_temp.agg_ward_union(ward geometry) RETURNS geometry
LANGUAGE sql STABLE PARALLEL SAFE COST 100000 AS $$
    SELECT CASE WHEN count(*) = 1 THEN (array_agg(x.piece))[1] ELSE ST_UnaryUnion(ST_Collect(x.piece)) END
    FROM agg_discs d
    CROSS JOIN LATERAL (SELECT CASE WHEN ST_Covers(ward, d.disc) THEN d.disc ELSE ST_Intersection(ward, d.disc) END AS piece) x
    WHERE ST_Intersects(ward, d.disc)
$$;

CREATE UNLOGGED TABLE agg_ward_cover_shape AS
SELECT u.ward_id, u.shape
-- (OFFSET 0: the union is computed once per ward; flattened, the filter below would compute it a second time)
FROM (SELECT w.ward_id, pg_temp.agg_ward_union(w.shape) AS shape FROM agg_ward_shape w WHERE w.needs_cover OFFSET 0) u
WHERE u.shape IS NOT NULL;
ANALYZE agg_ward_cover_shape;

CREATE TEMP TABLE agg_ward_cover ON COMMIT DROP AS
SELECT c.ward_id, ST_Area(c.shape) * w.ground_per_planar AS covered_m2
FROM agg_ward_cover_shape c JOIN agg_ward_shape w ON w.ward_id = c.ward_id;

-- (the planner counts ST_Subdivide's rows as 1,000 per ward, so moving them from the workers looks dearer than
-- cutting the unions: a geometry moved is cheap next to a geometry cut)
SET LOCAL parallel_tuple_cost = 0.001;
-- (at most 256 vertices a part: a lone circle (129) stays whole. Cutting to 64 made 3.6 times the parts and cost more
-- in cutting than the smaller parts saved in clipping; the figures move by rounding only, < 10⁻¹² of a cell's area.)
CREATE UNLOGGED TABLE agg_cover_parts AS
SELECT c.ward_id, p.part, ST_Area(p.part) AS area
FROM agg_ward_cover_shape c
CROSS JOIN LATERAL ST_Subdivide(c.shape, 256) p(part);
SET LOCAL parallel_tuple_cost TO DEFAULT;
CREATE INDEX ON agg_cover_parts USING gist (part);
ANALYZE agg_cover_parts;

-- The covered projected area of a unit: the parts it holds whole, and the pieces of those on its edge.
CREATE OR REPLACE FUNCTION pg_temp.agg_covered_planar(unit geometry) RETURNS double precision
LANGUAGE sql STABLE PARALLEL SAFE COST 10000 AS $$
    SELECT sum(CASE WHEN ST_Covers(unit, c.part) THEN c.area ELSE ST_Area(ST_Intersection(unit, c.part)) END)
    FROM agg_cover_parts c
    WHERE ST_Intersects(unit, c.part)
$$;

-- (one call per neighbourhood, in the workers; a GROUP BY sorted every piece of every neighbourhood first)
CREATE TEMP TABLE agg_neighborhood_cover ON COMMIT DROP AS
SELECT c.neighborhood_id, c.covered_planar * c.ground_per_planar AS covered_m2
FROM (SELECT n.neighborhood_id, n.ground_per_planar, pg_temp.agg_covered_planar(n.shape) AS covered_planar
      FROM agg_neighborhood_shape n
      WHERE n.cover_written
      OFFSET 0) c
WHERE c.covered_planar IS NOT NULL;
SET LOCAL min_parallel_table_scan_size TO DEFAULT;
