using DtHub.Api.Features.Aggregates;
using Npgsql;

namespace DtHub.Api.Features.Choropleth;

/// <summary>One indicator's value for every current ward, keyed by ward code: what the map joins to its ward tiles.</summary>
public sealed record ChoroplethAnswer(DateOnly? Month, AggregateIndicator Indicator, IReadOnlyList<ChoroplethValue> Wards);

/// <summary>A ward's value (a fraction 0–1), by the code its tile features carry.</summary>
public sealed record ChoroplethValue(string Code, double Value);

/// <summary>
/// Reads choropleth values from the aggregates. The values come from <see cref="AggregateReader.RankWardsAsync"/>, so the
/// map shows exactly what <c>wards(byIndicator:)</c> and the ward panels show; only current wards are kept, as in the tiles.
/// </summary>
public sealed class ChoroplethReader(NpgsqlDataSource dataSource, AggregateReader aggregates)
{
    public async Task<ChoroplethAnswer> ReadAsync(AggregateIndicator indicator, DateOnly? month, CancellationToken cancellationToken)
    {
        month ??= await LatestMonthAsync(cancellationToken);
        if (month is not { } m) return new ChoroplethAnswer(null, indicator, []);

        var ranked = await aggregates.RankWardsAsync(indicator, m, cancellationToken: cancellationToken);
        var codes = await CurrentWardCodesAsync(cancellationToken);
        var values = new List<ChoroplethValue>(ranked.Count);
        foreach (var (wardId, value) in ranked)
        {
            // Six decimals are 0.0001 percentage points: exact for "88,70 %", and 10,656 values stay light.
            if (value is { } v && codes.TryGetValue(wardId, out var code)) values.Add(new ChoroplethValue(code, (double)Math.Round(v, 6)));
        }
        return new ChoroplethAnswer(new DateOnly(m.Year, m.Month, 1), indicator, values);
    }

    /// <summary>The latest month with a city-wide account-ownership figure, or null before the first refresh.</summary>
    private async Task<DateOnly?> LatestMonthAsync(CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("SELECT max(month) FROM agg_city_month WHERE rate IS NOT NULL");
        return await cmd.ExecuteScalarAsync(cancellationToken) is DateOnly month ? month : null;
    }

    private async Task<Dictionary<int, string>> CurrentWardCodesAsync(CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("SELECT id, code FROM wards WHERE valid_to IS NULL");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var codes = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken)) codes[reader.GetInt32(0)] = reader.GetString(1);
        return codes;
    }
}
