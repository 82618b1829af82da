-- Public Wi-Fi coverage: the union of the active points' circles (radius in metres) clipped to each recomputed ward
-- and neighbourhood. Each circle is clipped to the unit first (a circle inside the unit is kept whole), so the union
-- only ever joins the few small pieces of one unit; a unit with one piece needs no union at all.

CREATE TEMP TABLE agg_ward_cover ON COMMIT DROP AS
SELECT w.ward_id,
       CASE WHEN count(*) = 1 THEN sum(ST_Area(x.piece)) ELSE ST_Area(ST_UnaryUnion(ST_Collect(x.piece))) END
         * w.ground_per_planar AS covered_m2
FROM agg_ward_shape w
JOIN agg_discs d ON ST_Intersects(w.shape, d.disc)
CROSS JOIN LATERAL (SELECT CASE WHEN ST_Covers(w.shape, d.disc) THEN d.disc ELSE ST_Intersection(w.shape, d.disc) END AS piece) x
GROUP BY w.ward_id, w.ground_per_planar;

CREATE TEMP TABLE agg_neighborhood_cover ON COMMIT DROP AS
SELECT n.neighborhood_id,
       CASE WHEN count(*) = 1 THEN sum(ST_Area(x.piece)) ELSE ST_Area(ST_UnaryUnion(ST_Collect(x.piece))) END
         * n.ground_per_planar AS covered_m2
FROM agg_neighborhood_shape n
JOIN agg_discs d ON ST_Intersects(n.shape, d.disc)
CROSS JOIN LATERAL (SELECT CASE WHEN ST_Covers(n.shape, d.disc) THEN d.disc ELSE ST_Intersection(n.shape, d.disc) END AS piece) x
GROUP BY n.neighborhood_id, n.ground_per_planar;
