using DtHub.Api.Data;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace DtHub.Api.Features.Tiles;

/// <summary>
/// Mapbox Vector Tiles straight from PostGIS: <c>GET /tiles/{layer}/{z}/{x}/{y}.mvt</c>. The ETag carries the
/// data version, so a map revalidates cheaply (304) and sees new data right after a refresh or an import.
/// </summary>
public static class TileModule
{
    public const string ContentType = "application/vnd.mapbox-vector-tile";

    /// <summary>Deepest zoom served; MapLibre overzooms past it.</summary>
    public const int MaxZoom = 22;

    public static WebApplication MapTiles(this WebApplication app)
    {
        var tiles = app.MapGroup("/tiles");
        tiles.MapGet("/version.json", GetVersionAsync);
        tiles.MapGet("/{layer}.json", TileJson.GetAsync);
        tiles.MapGet("/{layer}/{z}/{x}/{y}.mvt", GetTileAsync);
        return app;
    }

    private static async Task<IResult> GetVersionAsync(DataVersion dataVersion, HttpContext http, CancellationToken cancellationToken)
    {
        var (version, changedAt) = await dataVersion.CurrentAsync(cancellationToken);
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Json(new { version, changedAt });
    }

    private static async Task<IResult> GetTileAsync(
        string layer, string z, string x, string y, string? v,
        HttpContext http, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (!TileLayers.Queries.TryGetValue(layer, out var sql))
            return Results.Problem(statusCode: 404, title: "Unknown tile layer",
                detail: $"Layer '{layer}' does not exist; use one of: {string.Join(", ", TileLayers.Queries.Keys)}.");
        if (TileAddress.Parse(z, x, y) is not { } tile)
            return Results.Problem(statusCode: 400, title: "Invalid tile address",
                detail: TileAddress.Explain(z, x, y));

        // A revalidation reads the version alone and may stop there (304); a plain request reads the version and the
        // tile in one round trip. The version is read first, so an ETag never names data newer than its tile.
        var revalidating = http.Request.Headers.IfNoneMatch.Count > 0;
        var (version, bytes) = await ReadAsync(dataSource, sql, tile, withVersion: true, withTile: !revalidating, cancellationToken);
        var etag = new EntityTagHeaderValue($"\"dv{version}\"");
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        // A URL pinned to the current version (?v=) never changes; any other URL must revalidate.
        http.Response.Headers.CacheControl = v == version.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? "public, max-age=86400, immutable"
            : "no-cache";

        if (revalidating)
        {
            var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
            if (ifNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
                return Results.StatusCode(StatusCodes.Status304NotModified);
            (_, bytes) = await ReadAsync(dataSource, sql, tile, withVersion: false, withTile: true, cancellationToken);
        }
        return bytes is null || bytes.Length == 0
            ? Results.NoContent()
            : Results.Bytes(bytes, ContentType);
    }

    /// <summary>The data version and/or the tile's bytes, in one round trip.</summary>
    private static async Task<(long Version, byte[]? Tile)> ReadAsync(
        NpgsqlDataSource dataSource, string sql, TileAddress tile, bool withVersion, bool withTile, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        if (withVersion) batch.BatchCommands.Add(new NpgsqlBatchCommand(DataVersion.CurrentSql));
        if (withTile)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new("z", tile.Z), new("x", tile.X), new("y", tile.Y) } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        long version = 0;
        if (withVersion)
        {
            if (await reader.ReadAsync(cancellationToken)) version = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
        }
        byte[]? bytes = null;
        if (withTile && await reader.ReadAsync(cancellationToken) && !await reader.IsDBNullAsync(0, cancellationToken))
            bytes = await reader.GetFieldValueAsync<byte[]>(0, cancellationToken);
        return (version, bytes);
    }
}

/// <summary>A tile in the XYZ scheme (y grows southwards), checked against the zoom's grid.</summary>
internal readonly record struct TileAddress(int Z, int X, int Y)
{
    public static TileAddress? Parse(string z, string x, string y)
    {
        if (!TryInt(z, out var zi) || !TryInt(x, out var xi) || !TryInt(y, out var yi)) return null;
        if (zi > TileModule.MaxZoom) return null;
        var size = 1L << zi;
        return xi < size && yi < size ? new TileAddress(zi, xi, yi) : null;
    }

    public static string Explain(string z, string x, string y)
    {
        if (!TryInt(z, out var zi) || zi > TileModule.MaxZoom)
            return $"z must be a whole number from 0 to {TileModule.MaxZoom}; got '{z}'.";
        var max = (1L << zi) - 1;
        return $"At zoom {zi}, x and y must be whole numbers from 0 to {max}; got x='{x}', y='{y}'.";
    }

    private static bool TryInt(string s, out int value) =>
        int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
}
