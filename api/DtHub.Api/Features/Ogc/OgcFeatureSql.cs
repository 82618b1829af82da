using System.Globalization;
using System.Text;
using Npgsql;

namespace DtHub.Api.Features.Ogc;

/// <summary>A bbox and datetime filter from the query string, already validated.</summary>
public sealed record OgcFilter(double[]? Bbox, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>
/// The SQL of the OGC endpoints, all of it: PostGIS writes each feature as RFC 7946 GeoJSON (ST_AsGeoJSON,
/// 7 decimals ≈ 1 cm) so the API only concatenates. Table and column names come from <see cref="OgcCollection.All"/>, never from the request.
/// </summary>
public sealed class OgcFeatureSql(NpgsqlDataSource dataSource)
{
    private static string Feature(OgcCollection c)
    {
        var hidden = string.Concat(c.HiddenColumns.Append(c.GeometryColumn).Select(h => $" - '{h}'"));
        return $"json_build_object('type', 'Feature', 'id', t.id, 'geometry', ST_AsGeoJSON(t.{c.GeometryColumn}, 7)::json, 'properties', to_jsonb(t){hidden})::text";
    }

    public async Task<(long Matched, List<string> Features)> PageAsync(OgcCollection c, OgcFilter filter, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var count = Command(connection, $"SELECT count(*) FROM {c.Table} t WHERE ", c, filter);
        var matched = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var page = Command(connection, $"SELECT {Feature(c)} FROM {c.Table} t WHERE ", c, filter);
        page.CommandText += string.Create(CultureInfo.InvariantCulture, $" ORDER BY t.id LIMIT {limit} OFFSET {offset}");
        var features = new List<string>();
        await using var reader = await page.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) features.Add(reader.GetString(0));
        return (matched, features);
    }

    public async Task<string?> OneAsync(OgcCollection c, long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Feature(c)} FROM {c.Table} t WHERE t.id = $1");
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The collection's extent [west, south, east, north], or null when it is empty.</summary>
    public async Task<double[]?> ExtentAsync(OgcCollection c, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(t.{c.GeometryColumn})::geometry AS e FROM {c.Table} t) x WHERE e IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? [reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3)] : null;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string head, OgcCollection c, OgcFilter filter)
    {
        var command = connection.CreateCommand();
        var where = new StringBuilder("true");
        if (filter.Bbox is { } b)
        {
            foreach (var v in b) command.Parameters.Add(new() { Value = v });
            where.Append(CultureInfo.InvariantCulture, $" AND t.{c.GeometryColumn} && ST_MakeEnvelope($1, $2, $3, $4, 4326)");
        }
        if (filter.From is { } from)
        {
            command.Parameters.Add(new() { Value = from });
            where.Append(CultureInfo.InvariantCulture, $" AND t.updated_at >= ${command.Parameters.Count}");
        }
        if (filter.To is { } to)
        {
            command.Parameters.Add(new() { Value = to });
            where.Append(CultureInfo.InvariantCulture, $" AND t.updated_at <= ${command.Parameters.Count}");
        }
        command.CommandText = head + where;
        return command;
    }
}
