using System.Globalization;
using DtHub.Api.Data;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace DtHub.Api.Features.Tiles;

/// <summary>
/// <c>GET /tiles/{layer}.json</c>: a TileJSON 3.0 document per tile layer, so a map (ours, QGIS, any MapLibre
/// style) finds the tile URL pinned to the current data version, the fields of each layer, and the hub's
/// bounds to open on, in one request that does not wait for GraphQL.
/// </summary>
internal static class TileJson
{
    /// <summary>Fields of the layers inside each tile layer's tiles (TileJSON <c>vector_layers</c>).</summary>
    private static readonly IReadOnlyDictionary<string, (string Id, Dictionary<string, string> Fields)[]> VectorLayers =
        new Dictionary<string, (string, Dictionary<string, string>)[]>(StringComparer.Ordinal)
        {
            ["wards"] = [
                ("wards", new() { ["code"] = "Ward code, the key the choropleth query joins on", ["name"] = "Ward name", ["kind"] = "Phuong or Xa" }),
                ("ward-labels", new() { ["code"] = "Ward code", ["name"] = "Ward name (one label point per ward, from zoom 9)" }),
            ],
            ["neighborhoods"] = [("neighborhoods", new() { ["code"] = "Code", ["name"] = "Name", ["kind"] = "Kind", ["ward_id"] = "Ward id", ["estimated_residents"] = "Residents (estimate)", ["has_team"] = "A team covers it" })],
            ["merchants"] = [("merchants", new() { ["name"] = "Name", ["category"] = "Category", ["accepts_qr"] = "Accepts QR payment", ["has_transactions"] = "Has QR transactions", ["ward_id"] = "Ward id" })],
            ["merchant-clusters"] = [("merchant-clusters", new() { ["merchants"] = "Merchants in the cell", ["with_qr"] = "Of which accept QR" })],
            ["wifi"] = [("wifi", new() { ["name"] = "Name", ["radius_meters"] = "Coverage radius (m)", ["status"] = "Status", ["venue_type"] = "Venue", ["ward_id"] = "Ward id" })],
            ["model-streets"] = [("model-streets", new() { ["name"] = "Name", ["ward_id"] = "Ward id", ["merchants"] = "Merchants within 30 m", ["with_qr"] = "Of which accept QR", ["compliance"] = "Share with QR" })],
            ["hexagons"] = [("hexagons", new() { ["merchants"] = "Merchants", ["merchants_with_qr"] = "Of which accept QR", ["qr_rate"] = "Share with QR" })],
        };

    public static async Task<IResult> GetAsync(
        string layer, HttpContext http, DataVersion dataVersion, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (!TileLayers.Queries.ContainsKey(layer))
            return Results.Problem(statusCode: 404, title: "Unknown tile layer",
                detail: $"Layer '{layer}' does not exist; use one of: {string.Join(", ", TileLayers.Queries.Keys)}.");

        var (version, _) = await dataVersion.CurrentAsync(cancellationToken);
        var etag = new EntityTagHeaderValue($"\"dv{version}\"");
        http.Response.GetTypedHeaders().ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        if (http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);

        var bounds = await BoundsAsync(dataSource, cancellationToken);
        var request = http.Request;
        var v = version.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new Dictionary<string, object>
        {
            ["tilejson"] = "3.0.0",
            ["name"] = layer,
            ["scheme"] = "xyz",
            ["tiles"] = new[] { $"{request.Scheme}://{request.Host}{request.PathBase}/tiles/{layer}/{{z}}/{{x}}/{{y}}.mvt?v={v}" },
            ["minzoom"] = 0,
            ["maxzoom"] = TileModule.MaxZoom,
            ["bounds"] = bounds,
            ["vector_layers"] = VectorLayers[layer].Select(l => new { id = l.Id, fields = l.Fields }).ToArray(),
            ["dataVersion"] = version,
        });
    }

    /// <summary>[west, south, east, north] of the current wards (the hub's area); ~25 ms for 10,656 wards.</summary>
    private static async Task<double[]> BoundsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT ST_Extent(geometry) AS e FROM wards WHERE valid_to IS NULL) x
            WHERE e IS NOT NULL
            """);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        // No wards yet: the whole Web Mercator world.
        return await reader.ReadAsync(cancellationToken)
            ? [reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)]
            : [-180, -85.0511, 180, 85.0511];
    }
}
