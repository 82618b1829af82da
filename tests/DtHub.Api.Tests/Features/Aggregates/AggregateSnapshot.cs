using System.Globalization;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Aggregates;

/// <summary>Every aggregate row as text, for comparing two refreshes.</summary>
internal static class AggregateSnapshot
{
    private static readonly string[] Tables =
    [
        "agg_ward_month ORDER BY ward_id, month", "agg_city_month ORDER BY month", "agg_ward_current ORDER BY ward_id",
        "agg_ward_qr_category ORDER BY ward_id, category", "agg_neighborhood_current ORDER BY neighborhood_id",
        "agg_model_street ORDER BY model_street_id", "agg_street_holdouts ORDER BY model_street_id, merchant_id", "agg_hex_cell ORDER BY i, j",
    ];

    /// <summary>Doubles to 9 significant digits: GEOS may union the same circles in another order.</summary>
    public static async Task<List<string>> TakeAsync(HubDatabase hub)
    {
        var rows = new List<string>();
        foreach (var table in Tables)
        {
            await using var cmd = hub.DataSource.CreateCommand($"SELECT * FROM {table}");
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var cells = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
                {
                    double d => d.ToString("G9", CultureInfo.InvariantCulture),
                    NetTopologySuite.Geometries.Geometry g => g.AsText(),
                    int[] a => string.Join(',', a),
                    var v => Convert.ToString(v, CultureInfo.InvariantCulture),
                });
                rows.Add($"{table.Split(' ')[0]}: {string.Join(" | ", cells)}");
            }
        }
        return rows;
    }
}
