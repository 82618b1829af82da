using DtHub.Api.Features.Import;
using DtHub.Api.Tests.Infrastructure;
using Npgsql;

namespace DtHub.Api.Tests.Features.Import;

/// <summary>The in-memory ward grid places points exactly as <c>ST_Intersects</c> does, borders and corners included.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class UnitLocatorTests(HubDatabase hub)
{
    [Fact]
    public async Task Places_interior_border_vertex_and_outside_points_like_PostGIS()
    {
        await hub.UseDemoDataAsync();
        await using var connection = await hub.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var wards = await UnitLocator.LoadAsync(connection, transaction, "wards", CancellationToken.None);
        Assert.True(wards.Count > 1);

        // Random points over the wards' extent and beyond, plus every boundary vertex and the midpoints of boundary
        // segments: these lie on shared borders, where the lowest id must win.
        await using var cmd = new NpgsqlCommand("""
            WITH current AS (SELECT id, geometry FROM wards WHERE valid_to IS NULL),
            probes AS (
                SELECT (ST_Dump(ST_GeneratePoints(ST_Expand(ST_Envelope(ST_Collect(geometry)), 0.02), 3000, 7))).geom AS p FROM current
                UNION ALL SELECT (ST_DumpPoints(geometry)).geom FROM current
                UNION ALL SELECT ST_LineInterpolatePoint(ST_MakeLine(a.geom, b.geom), 0.5)
                FROM current c, LATERAL ST_DumpPoints(ST_Boundary(c.geometry)) WITH ORDINALITY a(path, geom, n)
                JOIN LATERAL ST_DumpPoints(ST_Boundary(c.geometry)) WITH ORDINALITY b(path, geom, n) ON b.n = a.n + 1
                WHERE a.path[1] = b.path[1] AND a.path[2] = b.path[2])
            SELECT ST_X(p), ST_Y(p), (SELECT min(id) FROM current WHERE ST_Intersects(geometry, p)) FROM probes
            """, connection, transaction);
        await using var reader = await cmd.ExecuteReaderAsync();
        var (checkedPoints, inside) = (0, 0);
        while (await reader.ReadAsync())
        {
            var (lon, lat) = (reader.GetDouble(0), reader.GetDouble(1));
            int? expected = reader.IsDBNull(2) ? null : reader.GetInt32(2);
            Assert.True(expected == wards.Locate(lon, lat), FormattableString.Invariant($"({lon}, {lat}): PostGIS {expected}, grid {wards.Locate(lon, lat)}"));
            checkedPoints++;
            if (expected is not null) inside++;
        }
        Assert.True(checkedPoints > 3000 && inside > 500 && inside < checkedPoints, $"{checkedPoints} points, {inside} inside");
    }
}
