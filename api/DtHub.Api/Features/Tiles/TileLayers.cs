namespace DtHub.Api.Features.Tiles;

/// <summary>
/// The vector-tile layers and the one PostGIS query that builds each tile. Every query filters with
/// <c>geom &amp;&amp; envelope</c> in SRID 4326 so the GiST index picks the rows, then clips in Web Mercator.
/// Parameters: <c>@z</c>, <c>@x</c>, <c>@y</c>.
/// </summary>
internal static class TileLayers
{
    private const string Bounds = """
        WITH bounds AS (
            SELECT ST_TileEnvelope(@z, @x, @y) AS mercator,
                   ST_Transform(ST_TileEnvelope(@z, @x, @y), 4326) AS wgs84,
                   -- One tile unit (of 4096) in metres: shapes are simplified to it before clipping.
                   (ST_XMax(ST_TileEnvelope(@z, @x, @y)) - ST_XMin(ST_TileEnvelope(@z, @x, @y))) / 4096 AS unit
        ),
        """;

    /// <summary>Query text per layer name as it appears in the URL.</summary>
    public static readonly IReadOnlyDictionary<string, string> Queries = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["merchants"] = Bounds + """
            features AS (
                SELECT m.id, m.name, m.category, m.accepts_qr, m.has_transactions, m.ward_id,
                       ST_AsMVTGeom(ST_Transform(m.location, 3857), b.mercator, 4096, 64, true) AS geom
                FROM merchants m, bounds b
                WHERE m.location && b.wgs84
            )
            SELECT ST_AsMVT(features, 'merchants', 4096, 'geom', 'id') FROM features
            """,

        // Merchants snapped to a grid of 1/16 of the tile and counted, for the zoomed-out view: clustering
        // in SQL keeps the tile small however many merchants a national dataset has.
        ["merchant-clusters"] = Bounds + """
            grid AS (
                SELECT (ST_XMax(b.mercator) - ST_XMin(b.mercator)) / 16 AS cell FROM bounds b
            ),
            clusters AS (
                SELECT ST_SnapToGrid(ST_Transform(m.location, 3857), g.cell) AS cell_key,
                       count(*)::int AS merchants,
                       count(*) FILTER (WHERE m.accepts_qr)::int AS with_qr,
                       ST_Centroid(ST_Collect(ST_Transform(m.location, 3857))) AS centre
                FROM merchants m, bounds b, grid g
                WHERE m.location && b.wgs84
                GROUP BY 1
            ),
            features AS (
                SELECT row_number() OVER (ORDER BY c.merchants DESC) AS id, c.merchants, c.with_qr,
                       ST_AsMVTGeom(c.centre, b.mercator, 4096, 64, true) AS geom
                FROM clusters c, bounds b
            )
            SELECT ST_AsMVT(features, 'merchant-clusters', 4096, 'geom', 'id') FROM features
            """,

        ["wifi"] = Bounds + """
            features AS (
                SELECT w.id, w.name, w.radius_meters, w.status, w.venue_type, w.ward_id,
                       ST_AsMVTGeom(ST_Transform(w.location, 3857), b.mercator, 4096, 64, true) AS geom
                FROM wifi_points w, bounds b
                -- Points just outside the tile still draw part of their coverage circle inside it.
                WHERE w.location && ST_Expand(b.wgs84, 0.05)
            )
            SELECT ST_AsMVT(features, 'wifi', 4096, 'geom', 'id') FROM features
            """,

        // Ward shapes simplified to one tile unit (1/8 pixel), so a zoomed-out national tile carries no detail nobody
        // sees, and their label points (one per ward: a point lies in one tile) in a second layer from zoom 9. Below
        // zoom 9 a ward carries only its code (the choropleth's key): names of thousands of wards would triple the tile.
        ["wards"] = Bounds + """
            features AS (
                SELECT w.id, w.code,
                       CASE WHEN @z >= 9 THEN w.name END AS name, CASE WHEN @z >= 9 THEN w.kind END AS kind,
                       ST_AsMVTGeom(ST_Simplify(ST_Transform(w.geometry, 3857), b.unit, true), b.mercator, 4096, 64, true) AS geom
                FROM wards w, bounds b
                WHERE w.geometry && b.wgs84 AND w.valid_to IS NULL
            ),
            labels AS (
                SELECT w.id, w.code, w.name,
                       ST_AsMVTGeom(ST_Transform(w.label_point, 3857), b.mercator, 4096, 0, false) AS geom
                FROM wards w, bounds b
                WHERE @z >= 9 AND w.label_point && b.wgs84 AND w.valid_to IS NULL
            )
            SELECT (SELECT ST_AsMVT(features, 'wards', 4096, 'geom', 'id') FROM features WHERE geom IS NOT NULL)
                || (SELECT ST_AsMVT(labels, 'ward-labels', 4096, 'geom', 'id') FROM labels WHERE geom IS NOT NULL)
            """,

        ["neighborhoods"] = Bounds + """
            features AS (
                SELECT n.id, n.code, n.name, n.kind, n.ward_id, n.estimated_residents,
                       EXISTS (SELECT 1 FROM teams t WHERE t.neighborhood_id = n.id) AS has_team,
                       ST_AsMVTGeom(ST_Simplify(ST_Transform(n.geometry, 3857), b.unit, true), b.mercator, 4096, 64, true) AS geom
                FROM neighborhoods n, bounds b
                WHERE n.geometry && b.wgs84 AND n.valid_to IS NULL
            )
            SELECT ST_AsMVT(features, 'neighborhoods', 4096, 'geom', 'id') FROM features WHERE geom IS NOT NULL
            """,

        // Compliance is computed here (merchants within 30 m of the centre line, share with QR) so the
        // layer works before the aggregates exist; the geography cast uses ix_merchants_location_geography.
        ["model-streets"] = Bounds + """
            features AS (
                SELECT s.id, s.name, s.ward_id, c.merchants, c.with_qr,
                       CASE WHEN c.merchants = 0 THEN NULL ELSE c.with_qr::float8 / c.merchants END AS compliance,
                       ST_AsMVTGeom(ST_Transform(s.geometry, 3857), b.mercator, 4096, 64, true) AS geom
                FROM model_streets s
                CROSS JOIN bounds b
                CROSS JOIN LATERAL (
                    SELECT count(*)::int AS merchants, count(*) FILTER (WHERE m.accepts_qr)::int AS with_qr
                    FROM merchants m
                    WHERE ST_DWithin(m.location::geography, s.geometry::geography, 30)
                ) c
                WHERE s.geometry && b.wgs84
            )
            SELECT ST_AsMVT(features, 'model-streets', 4096, 'geom', 'id') FROM features
            """,

        // A hexagon grid built per tile, 16 cells across whatever the zoom, with merchant counts, so the
        // heatmap works without a precomputed table. The cell size depends on the zoom only, so the grids
        // of neighbouring tiles line up (ST_HexagonGrid anchors every grid at the origin).
        ["hexagons"] = Bounds + """
            size AS (
                SELECT (ST_XMax(b.mercator) - ST_XMin(b.mercator)) / 16 AS edge FROM bounds b
            ),
            cells AS (
                SELECT h.i, h.j, h.geom AS mercator, ST_Transform(h.geom, 4326) AS wgs84
                FROM bounds b, size s, ST_HexagonGrid(s.edge, b.mercator) h
            ),
            features AS (
                SELECT row_number() OVER (ORDER BY c.i, c.j) AS id,
                       count(m.id)::int AS merchants,
                       count(m.id) FILTER (WHERE m.accepts_qr)::int AS merchants_with_qr,
                       CASE WHEN count(m.id) = 0 THEN NULL
                            ELSE count(m.id) FILTER (WHERE m.accepts_qr)::float8 / count(m.id) END AS qr_rate,
                       ST_AsMVTGeom(c.mercator, b.mercator, 4096, 0, true) AS geom
                FROM cells c
                CROSS JOIN bounds b
                JOIN merchants m ON m.location && c.wgs84 AND ST_Intersects(m.location, c.wgs84)
                GROUP BY c.i, c.j, c.mercator, b.mercator
            )
            SELECT ST_AsMVT(features, 'hexagons', 4096, 'geom', 'id') FROM features
            """,
    };
}
