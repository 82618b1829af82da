using System.Data;
using NetTopologySuite.Geometries;
using Npgsql;

namespace DtHub.Api.Features.Aggregates;

/// <summary>
/// Reads the precomputed aggregates. Every method takes many units at once (one round of queries per batch, for
/// data loaders) and reads in one repeatable-read snapshot, so an answer never mixes two refreshes.
/// </summary>
public sealed class AggregateReader(NpgsqlDataSource dataSource)
{
    /// <summary>Indicators of these wards for <paramref name="month"/> (any day of it); wards without figures are absent.</summary>
    public Task<IReadOnlyDictionary<int, UnitIndicators>> WardIndicatorsAsync(IReadOnlyList<int> wardIds, DateOnly month, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async (connection, transaction) =>
        {
            var first = FirstOfMonth(month);
            var ownership = await AccountOwnershipAsync(connection, transaction,
                "SELECT ward_id, holders, residents15plus, rate, target, gap, reports, rolled_up_from FROM agg_ward_month WHERE ward_id = ANY($1) AND month = $2",
                wardIds.ToArray(), first, cancellationToken);
            var categories = await CategoriesAsync(connection, transaction, "WHERE ward_id = ANY($1)", wardIds.ToArray(), cancellationToken);
            var current = await CurrentAsync(connection, transaction, """
                SELECT ward_id, merchants, merchants_with_qr, merchants_active_qr, market_traders, market_traders_with_qr,
                       market_traders_active_qr, area_m2, wifi_covered_m2, estimated_residents, wifi_covered_residents,
                       neighborhoods, neighborhoods_with_team, teams, model_streets, model_streets_compliant
                FROM agg_ward_current WHERE ward_id = ANY($1)
                """, wardIds.ToArray(), categories, cancellationToken);
            return (IReadOnlyDictionary<int, UnitIndicators>)ownership.Keys.Union(current.Keys).ToDictionary(id => id, id => Combine(first, ownership.GetValueOrDefault(id), current.GetValueOrDefault(id)));
        }, cancellationToken);

    /// <summary>
    /// Indicators of these neighbourhoods. Account ownership is null: reports are per ward, and spreading a ward's rate
    /// over its neighbourhoods would show every one at the ward's rate (see docs/AGGREGATES.md).
    /// </summary>
    public Task<IReadOnlyDictionary<int, UnitIndicators>> NeighborhoodIndicatorsAsync(IReadOnlyList<int> neighborhoodIds, DateOnly month, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async (connection, transaction) =>
        {
            var current = await CurrentAsync(connection, transaction, """
                SELECT neighborhood_id, merchants, merchants_with_qr, merchants_active_qr, NULL, NULL, NULL,
                       area_m2, wifi_covered_m2, estimated_residents, wifi_covered_residents,
                       1, CASE WHEN teams > 0 THEN 1 ELSE 0 END, teams, NULL, NULL
                FROM agg_neighborhood_current WHERE neighborhood_id = ANY($1)
                """, neighborhoodIds.ToArray(), null, cancellationToken);
            return (IReadOnlyDictionary<int, UnitIndicators>)current.ToDictionary(p => p.Key, p => Combine(FirstOfMonth(month), null, p.Value));
        }, cancellationToken);

    /// <summary>The city's indicators: account ownership from every report of the month, the rest summed over current wards.</summary>
    public Task<UnitIndicators> CityIndicatorsAsync(DateOnly month, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async (connection, transaction) =>
        {
            var first = FirstOfMonth(month);
            var ownership = await AccountOwnershipAsync(connection, transaction,
                "SELECT 0, holders, residents15plus, rate, target, gap, reports, '{}'::int[] FROM agg_city_month WHERE $1::int[] IS NOT NULL AND month = $2",
                [], first, cancellationToken);
            var categories = await CategoriesAsync(connection, transaction, "", [], cancellationToken);
            var current = await CurrentAsync(connection, transaction, """
                SELECT 0, sum(merchants), sum(merchants_with_qr), sum(merchants_active_qr), sum(market_traders),
                       sum(market_traders_with_qr), sum(market_traders_active_qr), sum(area_m2), sum(wifi_covered_m2),
                       sum(estimated_residents), sum(wifi_covered_residents), sum(neighborhoods), sum(neighborhoods_with_team),
                       sum(teams), sum(model_streets), sum(model_streets_compliant)
                FROM agg_ward_current WHERE $1::int[] IS NOT NULL HAVING count(*) > 0
                """, [], categories.Count > 0 ? new Dictionary<int, List<QrAdoptionByCategory>> { [0] = categories.Values.SelectMany(c => c).GroupBy(c => c.Category).Select(g => Category(g.Key, g.Sum(c => c.Merchants), g.Sum(c => c.WithQr), g.Sum(c => c.ActiveQr))).OrderBy(c => c.Category, StringComparer.Ordinal).ToList() } : null, cancellationToken);
            return Combine(first, ownership.GetValueOrDefault(0), current.GetValueOrDefault(0));
        }, cancellationToken);

    /// <summary>
    /// Monthly history of an indicator per ward, oldest first, months <paramref name="from"/> to <paramref name="to"/> inclusive.
    /// Only account ownership has a history; the other indicators answer with no points.
    /// </summary>
    public Task<IReadOnlyDictionary<int, IReadOnlyList<TrendPoint>>> TrendAsync(IReadOnlyList<int> wardIds, DateOnly from, DateOnly to, AggregateIndicator indicator, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async (connection, transaction) =>
        {
            var points = wardIds.Distinct().ToDictionary(id => id, _ => new List<TrendPoint>());
            if (indicator != AggregateIndicator.AccountOwnership) return Freeze(points);
            await using var cmd = new NpgsqlCommand("""
                SELECT ward_id, month, rate, target, gap FROM agg_ward_month
                WHERE ward_id = ANY($1) AND month BETWEEN $2 AND $3 ORDER BY ward_id, month
                """, connection, transaction);
            cmd.Parameters.AddWithValue(wardIds.ToArray());
            cmd.Parameters.AddWithValue(FirstOfMonth(from));
            cmd.Parameters.AddWithValue(FirstOfMonth(to));
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                points[reader.GetInt32(0)].Add(new TrendPoint(reader.GetFieldValue<DateOnly>(1), NullableDecimal(reader, 2), NullableDecimal(reader, 3), NullableDecimal(reader, 4)));
            return Freeze(points);
        }, cancellationToken);

    /// <summary>The city's account-ownership history, oldest first.</summary>
    public Task<IReadOnlyList<TrendPoint>> CityTrendAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async (connection, transaction) =>
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT month, rate, target, gap FROM agg_city_month WHERE month BETWEEN $1 AND $2 ORDER BY month", connection, transaction);
            cmd.Parameters.AddWithValue(FirstOfMonth(from));
            cmd.Parameters.AddWithValue(FirstOfMonth(to));
            var points = new List<TrendPoint>();
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                points.Add(new TrendPoint(reader.GetFieldValue<DateOnly>(0), NullableDecimal(reader, 1), NullableDecimal(reader, 2), NullableDecimal(reader, 3)));
            return (IReadOnlyList<TrendPoint>)points;
        }, cancellationToken);

    /// <summary>Current wards ordered by an indicator for a month (nulls last), optionally within [min, max]: "wards under 65 %, lowest first".</summary>
    public Task<IReadOnlyList<(int WardId, decimal? Value)>> RankWardsAsync(AggregateIndicator indicator, DateOnly month, decimal? min = null, decimal? max = null, bool descending = false, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async (connection, transaction) =>
        {
            var value = indicator switch
            {
                AggregateIndicator.AccountOwnership => "m.rate",
                AggregateIndicator.QrAdoption => "c.merchants_with_qr::numeric / nullif(c.merchants, 0)",
                AggregateIndicator.WifiAreaCoverage => "(c.wifi_covered_m2 / nullif(c.area_m2, 0))::numeric",
                AggregateIndicator.WifiResidentsCoverage => "(c.wifi_covered_residents / nullif(c.estimated_residents, 0))::numeric",
                AggregateIndicator.TeamCoverage => "c.neighborhoods_with_team::numeric / nullif(c.neighborhoods, 0)",
                _ => throw new ArgumentOutOfRangeException(nameof(indicator)),
            };
            await using var cmd = new NpgsqlCommand($"""
                SELECT w.id, {value} AS v
                FROM wards w
                LEFT JOIN agg_ward_month m ON m.ward_id = w.id AND m.month = $1
                LEFT JOIN agg_ward_current c ON c.ward_id = w.id
                WHERE (w.valid_from <= $1 AND (w.valid_to IS NULL OR w.valid_to > $1))
                  AND ($2::numeric IS NULL OR {value} >= $2) AND ($3::numeric IS NULL OR {value} <= $3)
                ORDER BY v {(descending ? "DESC" : "ASC")} NULLS LAST, w.id
                """, connection, transaction);
            cmd.Parameters.AddWithValue(FirstOfMonth(month));
            cmd.Parameters.Add(new NpgsqlParameter<decimal?> { TypedValue = min });
            cmd.Parameters.Add(new NpgsqlParameter<decimal?> { TypedValue = max });
            var ranked = new List<(int, decimal?)>();
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) ranked.Add((reader.GetInt32(0), NullableDecimal(reader, 1)));
            return (IReadOnlyList<(int, decimal?)>)ranked;
        }, cancellationToken);

    /// <summary>Heatmap cells, all or those meeting the bounding box (SRID 4326).</summary>
    public Task<IReadOnlyList<HexCell>> HexCellsAsync(Envelope? bbox = null, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async (connection, transaction) =>
        {
            await using var cmd = new NpgsqlCommand("""
                SELECT i, j, geometry, area_m2, merchants, merchants_with_qr, wifi_covered_m2 / nullif(area_m2, 0), estimated_residents
                FROM agg_hex_cell
                WHERE $1::boolean OR geometry && ST_MakeEnvelope($2, $3, $4, $5, 4326)
                ORDER BY i, j
                """, connection, transaction);
            cmd.Parameters.AddWithValue(bbox is null);
            cmd.Parameters.AddWithValue(bbox?.MinX ?? 0);
            cmd.Parameters.AddWithValue(bbox?.MinY ?? 0);
            cmd.Parameters.AddWithValue(bbox?.MaxX ?? 0);
            cmd.Parameters.AddWithValue(bbox?.MaxY ?? 0);
            var cells = new List<HexCell>();
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                cells.Add(new HexCell(reader.GetInt32(0), reader.GetInt32(1), reader.GetFieldValue<Polygon>(2), reader.GetDouble(3),
                    reader.GetInt32(4), reader.GetInt32(5), reader.IsDBNull(6) ? 0 : reader.GetDouble(6), reader.GetDouble(7)));
            return (IReadOnlyList<HexCell>)cells;
        }, cancellationToken);

    /// <summary>Compliance of these model streets, keyed by street id.</summary>
    public Task<IReadOnlyDictionary<int, ModelStreetCompliance>> StreetComplianceAsync(IReadOnlyList<int> modelStreetIds, CancellationToken cancellationToken = default) =>
        InSnapshotAsync(async (connection, transaction) =>
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT model_street_id, ward_id, merchants, merchants_with_qr, compliant FROM agg_model_street WHERE model_street_id = ANY($1)",
                connection, transaction);
            cmd.Parameters.AddWithValue(modelStreetIds.ToArray());
            var streets = new Dictionary<int, ModelStreetCompliance>();
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (merchants, withQr) = (reader.GetInt32(2), reader.GetInt32(3));
                streets[reader.GetInt32(0)] = new ModelStreetCompliance(reader.GetInt32(0), reader.GetInt32(1), merchants, withQr, Ratio(withQr, merchants), reader.GetBoolean(4));
            }
            return (IReadOnlyDictionary<int, ModelStreetCompliance>)streets;
        }, cancellationToken);

    private async Task<T> InSnapshotAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var result = await read(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<Dictionary<int, AccountOwnership>> AccountOwnershipAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, int[] ids, DateOnly month, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, transaction);
        cmd.Parameters.AddWithValue(ids);
        cmd.Parameters.AddWithValue(month);
        var rows = new Dictionary<int, AccountOwnership>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetInt32(0)] = new AccountOwnership(
                reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                NullableDecimal(reader, 3), NullableDecimal(reader, 4), NullableDecimal(reader, 5),
                reader.GetInt32(6), reader.GetFieldValue<int[]>(7));
        }
        return rows;
    }

    private static async Task<Dictionary<int, List<QrAdoptionByCategory>>> CategoriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string where, int[] ids, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT ward_id, category, merchants, merchants_with_qr, merchants_active_qr FROM agg_ward_qr_category {where} ORDER BY ward_id, category",
            connection, transaction);
        if (where.Length > 0) cmd.Parameters.AddWithValue(ids);
        var rows = new Dictionary<int, List<QrAdoptionByCategory>>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            if (!rows.TryGetValue(id, out var list)) rows[id] = list = [];
            list.Add(Category(reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }
        return rows;
    }

    private sealed record Current(QrAdoption Qr, CashlessMarketTraders? Markets, WifiCoverage Wifi, TeamCoverage Teams, ModelStreetsSummary? Streets);

    private static async Task<Dictionary<int, Current>> CurrentAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, int[] ids,
        Dictionary<int, List<QrAdoptionByCategory>>? categories, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, connection, transaction);
        cmd.Parameters.AddWithValue(ids);
        var rows = new Dictionary<int, Current>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            int Int(int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt32(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            var (merchants, withQr, activeQr) = (Int(1), Int(2), Int(3));
            var (area, covered) = (reader.GetDouble(7), reader.GetDouble(8));
            var (residents, coveredResidents) = (Convert.ToInt64(reader.GetValue(9), System.Globalization.CultureInfo.InvariantCulture), reader.GetDouble(10));
            var (neighborhoods, withTeam) = (Int(11), Int(12));
            rows[id] = new Current(
                new QrAdoption(merchants, withQr, activeQr, Ratio(withQr, merchants), Ratio(activeQr, merchants),
                    categories?.GetValueOrDefault(id) ?? []),
                reader.IsDBNull(4) ? null : new CashlessMarketTraders(Int(4), Int(5), Int(6), Ratio(Int(5), Int(4))),
                new WifiCoverage(area, covered, area > 0 ? covered / area : null, residents, coveredResidents,
                    residents > 0 ? coveredResidents / residents : null),
                new TeamCoverage(neighborhoods, withTeam, Ratio(withTeam, neighborhoods), Int(13)),
                reader.IsDBNull(14) ? null : new ModelStreetsSummary(Int(14), Int(15), Ratio(Int(15), Int(14))));
        }
        return rows;
    }

    private static UnitIndicators Combine(DateOnly month, AccountOwnership? ownership, Current? current) =>
        new(month, ownership, current?.Qr, current?.Markets, current?.Wifi, current?.Teams, current?.Streets);

    private static QrAdoptionByCategory Category(string category, int merchants, int withQr, int activeQr) =>
        new(category, merchants, withQr, activeQr, Ratio(withQr, merchants));

    private static decimal? Ratio(int part, int whole) => whole == 0 ? null : (decimal)part / whole;

    /// <summary>Rates to 12 places without trailing zeros: PostgreSQL divides to 20 digits (0.56250000000000000000).</summary>
    private static decimal? NullableDecimal(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Math.Round(reader.GetDecimal(ordinal), 12) / 1.000000000000000000000000000000000m;

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    private static IReadOnlyDictionary<int, IReadOnlyList<TrendPoint>> Freeze(Dictionary<int, List<TrendPoint>> points) =>
        points.ToDictionary(p => p.Key, p => (IReadOnlyList<TrendPoint>)p.Value);
}
