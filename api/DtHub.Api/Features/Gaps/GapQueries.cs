using System.Globalization;
using System.Runtime.CompilerServices;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.Wifi;
using DtHub.Api.GraphQL;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace DtHub.Api.Features.Gaps;

/// <summary>
/// The SQL behind the planners' gap questions. It reads the precomputed aggregates (agg_*) where they exist and
/// otherwise the base tables through their spatial indexes; distances are metres on the geography.
/// </summary>
public sealed class GapQueries(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Units below target, furthest behind first (or most people needed first), one page of them when a window is
    /// given: ordered, counted and cut in SQL, so a page of 50 of 8,000 wards sends 50 rows.
    /// </summary>
    public async Task<GapRows<UnitGap>> UnitsBelowTargetAsync(GapLevel level, GapIndicator indicator, DateOnly month, int? wardId, CancellationToken ct,
        bool geometry = true, GapWindow? window = null)
    {
        var ward = WardFilter("w.id", wardId);
        var units = (level, indicator) switch
        {
            (GapLevel.Ward, GapIndicator.AccountOwnership) => $"""
                SELECT 'Ward', w.id, w.name, w.id, w.name, CASE WHEN @geometry THEN w.geometry END, a.rate, a.target, a.holders, a.residents15plus
                FROM agg_ward_month a JOIN wards w ON w.id = a.ward_id
                WHERE a.month = @month AND a.rate < a.target {ward}
                """,
            (GapLevel.Ward, GapIndicator.QrAdoption) => $"""
                SELECT 'Ward', w.id, w.name, w.id, w.name, CASE WHEN @geometry THEN w.geometry END, a.merchants_with_qr::numeric / a.merchants, ({QrTarget}), a.merchants_with_qr, a.merchants
                FROM agg_ward_current a JOIN wards w ON w.id = a.ward_id
                WHERE a.merchants > 0 AND a.merchants_with_qr::numeric / a.merchants < ({QrTarget}) {ward}
                """,
            (GapLevel.Ward, GapIndicator.TeamCoverage) => $"""
                SELECT 'Ward', w.id, w.name, w.id, w.name, CASE WHEN @geometry THEN w.geometry END, a.neighborhoods_with_team::numeric / a.neighborhoods, ({TeamTarget}),
                       a.neighborhoods_with_team, a.neighborhoods
                FROM agg_ward_current a JOIN wards w ON w.id = a.ward_id
                WHERE a.neighborhoods > 0 AND a.neighborhoods_with_team::numeric / a.neighborhoods < ({TeamTarget}) {ward}
                """,
            (GapLevel.Neighborhood, GapIndicator.QrAdoption) => $"""
                SELECT 'Neighborhood', n.id, n.name, w.id, w.name, CASE WHEN @geometry THEN n.geometry END, a.merchants_with_qr::numeric / a.merchants, ({QrTarget}), a.merchants_with_qr, a.merchants
                FROM agg_neighborhood_current a JOIN neighborhoods n ON n.id = a.neighborhood_id JOIN wards w ON w.id = n.ward_id
                WHERE a.merchants > 0 AND a.merchants_with_qr::numeric / a.merchants < ({QrTarget}) {ward}
                """,
            (GapLevel.Neighborhood, GapIndicator.TeamCoverage) => $"""
                SELECT 'Neighborhood', n.id, n.name, w.id, w.name, CASE WHEN @geometry THEN n.geometry END, 0::numeric, ({TeamTarget}), 0, 1
                FROM agg_neighborhood_current a JOIN neighborhoods n ON n.id = a.neighborhood_id JOIN wards w ON w.id = n.ward_id
                WHERE a.teams = 0 {ward}
                """,
            _ => throw new GraphQLInputException("Account ownership is reported per ward only: ask for level: WARD."),
        };
        const string people = "greatest(0, ceil(g.target * g.total - g.counted))";
        var order = window?.ByPeople == true ? $"{people} DESC, g.rate - g.target, g.unit_id" : $"g.rate - g.target, {people} DESC, g.unit_id";
        await using var cmd = dataSource.CreateCommand($"""
            SELECT g.*, count(*) OVER ()
            FROM ({units}) AS g(level, unit_id, name, ward_id, ward_name, geometry, rate, target, counted, total)
            ORDER BY {order} {Window(window)}
            """);
        cmd.Parameters.AddWithValue("month", month);
        AddWard(cmd, wardId);
        // Thousands of units may be below target at national scale: shapes travel only when asked for.
        cmd.Parameters.AddWithValue("geometry", geometry);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var gaps = new List<UnitGap>();
        long? found = null;
        while (await reader.ReadAsync(ct))
        {
            var rate = reader.GetDecimal(6);
            var target = reader.GetDecimal(7);
            var counted = reader.GetInt32(8);
            var total = reader.GetInt32(9);
            gaps.Add(new UnitGap(Enum.Parse<GapLevel>(reader.GetString(0)), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<Geometry>(5), rate, target, rate - target, (int)Math.Max(0, Math.Ceiling(target * total - counted)), counted, total));
            found = reader.GetInt64(10);
        }
        return new GapRows<UnitGap>(gaps, Total(found, window));
    }

    // Optional conditions and the page are written into the statement rather than bound as "@ward IS NULL OR …"
    // and "LIMIT @take": a prepared statement's generic plan cannot tell whether they filter, and for units below
    // target it chose a nested loop over every ward (27 ms where the custom plan's hash join takes 9 ms).
    private static string WardFilter(string column, int? wardId) => wardId is null ? "" : $"AND {column} = @ward";

    private static void AddWard(NpgsqlCommand cmd, int? wardId)
    {
        if (wardId is { } id) cmd.Parameters.AddWithValue("ward", id);
    }

    private static string Window(GapWindow? window) => string.Create(CultureInfo.InvariantCulture,
        $"LIMIT {(window?.Take is { } take ? take : "ALL")} OFFSET {window?.Skip ?? 0}");

    // Every row carries the count; no row means none at all, unless the window started past the end.
    private static int? Total(long? counted, GapWindow? window) =>
        counted is { } n ? (int)n : window is null || window.Skip == 0 ? 0 : null;

    // The plans' targets for these indicators (100 % by 2024 in the seeds); 1 when the table has none.
    private const string QrTarget = "SELECT coalesce((SELECT value FROM targets WHERE indicator = 'merchant_qr_acceptance' ORDER BY deadline DESC LIMIT 1), 1)";
    private const string TeamTarget = "SELECT coalesce((SELECT value FROM targets WHERE indicator = 'team_per_neighborhood' ORDER BY deadline DESC LIMIT 1), 1)";

    public async Task<WifiGaps> WifiGapsAsync(double radius, double minResidents, int? wardId, CancellationToken ct, Geometry? area = null, bool suggest = true)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT c.i, c.j, c.geometry, c.estimated_residents, ST_X(ST_Centroid(c.geometry)), ST_Y(ST_Centroid(c.geometry))
            FROM agg_hex_cell c
            WHERE c.estimated_residents >= @min
              {(wardId is null ? "" : "AND ST_Intersects(c.geometry, (SELECT geometry FROM wards WHERE id = @ward))")}
              {(area is null ? "" : "AND ST_Intersects(c.geometry, @area)")}
              AND NOT EXISTS (SELECT 1 FROM wifi_points w
                              WHERE w.status = 'Active' AND ST_DWithin(w.location::geography, ST_Centroid(c.geometry)::geography, @radius))
            ORDER BY c.estimated_residents DESC, c.i, c.j
            """);
        cmd.Parameters.AddWithValue("min", minResidents);
        cmd.Parameters.AddWithValue("radius", radius);
        AddWard(cmd, wardId);
        if (area is not null) cmd.Parameters.Add(new NpgsqlParameter("area", NpgsqlTypes.NpgsqlDbType.Geometry) { Value = area });
        var cells = new List<(WifiGapCell Cell, double Lon, double Lat)>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                cells.Add((new WifiGapCell(reader.GetInt32(0), reader.GetInt32(1), reader.GetFieldValue<Geometry>(2), reader.GetDouble(3)), reader.GetDouble(4), reader.GetDouble(5)));
        return new WifiGaps(radius, cells.Sum(c => c.Cell.Residents), cells.Select(c => c.Cell).ToList(), suggest ? Suggest(cells, radius) : null);
    }

    /// <summary>Greedy: the uncovered cell whose centre reaches the most uncovered residents within the radius.</summary>
    private static SuggestedSite? Suggest(List<(WifiGapCell Cell, double Lon, double Lat)> cells, double radius)
    {
        SuggestedSite? best = null;
        foreach (var candidate in cells.Take(2000))
        {
            var reached = cells.Where(c => GraphQL.Spatial.Geodesic.DistanceMeters(candidate.Lon, candidate.Lat, c.Lon, c.Lat) <= radius).Sum(c => c.Cell.Residents);
            if (best is null || reached > best.ResidentsCovered)
                best = new SuggestedSite(new Point(candidate.Lon, candidate.Lat) { SRID = 4326 }, reached);
        }
        return best;
    }

    /// <summary>The id of the latest version of the ward with this code, or null.</summary>
    public async Task<int?> CurrentWardIdAsync(string code, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT id FROM wards WHERE code = @code ORDER BY valid_from DESC LIMIT 1");
        cmd.Parameters.AddWithValue("code", code);
        return await cmd.ExecuteScalarAsync(ct) as int?;
    }

    /// <summary>A ward's current neighbourhoods that no team serves, by name.</summary>
    public async Task<IReadOnlyList<LonelyNeighborhood>> NeighborhoodsWithoutTeamAsync(int wardId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT n.name, n.geometry, n.estimated_residents FROM neighborhoods n
            WHERE n.ward_id = @ward AND (n.valid_to IS NULL OR n.valid_to > current_date)
              AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.neighborhood_id = n.id)
            ORDER BY n.name
            """);
        cmd.Parameters.AddWithValue("ward", wardId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<LonelyNeighborhood>();
        while (await reader.ReadAsync(ct))
            rows.Add(new LonelyNeighborhood(reader.GetString(0), reader.GetFieldValue<Geometry>(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
        return rows;
    }

    /// <summary>Model streets below 100 % QR, least compliant first; one page of them when a window is given.</summary>
    public async Task<GapRows<StreetGap>> StreetsBelowTargetAsync(int? wardId, CancellationToken ct, bool geometry = true, GapWindow? window = null)
    {
        await using var cmd = dataSource.CreateCommand($"""
            SELECT s.id, s.name, s.ward_id, CASE WHEN @geometry THEN s.geometry END, a.merchants, a.merchants_with_qr, count(*) OVER ()
            FROM agg_model_street a JOIN model_streets s ON s.id = a.model_street_id
            WHERE a.merchants > 0 AND a.merchants_with_qr < a.merchants {WardFilter("s.ward_id", wardId)}
            ORDER BY a.merchants_with_qr::numeric / a.merchants, s.name, s.id {Window(window)}
            """);
        AddWard(cmd, wardId);
        cmd.Parameters.AddWithValue("geometry", geometry);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var streets = new List<StreetGap>();
        long? found = null;
        while (await reader.ReadAsync(ct))
        {
            streets.Add(new StreetGap(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<Geometry>(3), reader.GetInt32(4), reader.GetInt32(5)));
            found = reader.GetInt64(6);
        }
        return new GapRows<StreetGap>(streets, Total(found, window));
    }

    internal const string MerchantsHoldingBackSql = """
        SELECT h.model_street_id, m.id, m.name, m.category, m.location, m.address, m.ward_id
        FROM agg_street_holdouts h
        JOIN merchants m ON m.id = h.merchant_id
        WHERE h.model_street_id = ANY(@ids)
        ORDER BY h.model_street_id, m.name, m.id
        """;

    /// <summary>
    /// Each street's holdouts as of the last aggregate refresh (the merchants its counts call without QR), for many
    /// streets in one query; name, place and category are the merchant's current ones.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<Merchant>>> MerchantsHoldingBackAsync(IReadOnlyList<int> streetIds, CancellationToken ct)
    {
        var result = streetIds.ToDictionary(id => id, _ => (IReadOnlyList<Merchant>)new List<Merchant>());
        await foreach (var (streetId, merchant) in ReadMerchantsHoldingBackAsync(streetIds, ct))
            ((List<Merchant>)result[streetId]).Add(merchant);
        return result;
    }

    /// <summary>The same holdouts as they arrive, by street id and then name.</summary>
    public async IAsyncEnumerable<(int StreetId, Merchant Merchant)> ReadMerchantsHoldingBackAsync(IReadOnlyList<int> streetIds,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(MerchantsHoldingBackSql);
        cmd.Parameters.AddWithValue("ids", streetIds.ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return (reader.GetInt32(0), new Merchant
            {
                Id = reader.GetInt64(1), Name = reader.GetString(2), Category = Enum.Parse<MerchantCategory>(reader.GetString(3)),
                Location = reader.GetFieldValue<Point>(4), Address = reader.IsDBNull(5) ? null : reader.GetString(5), WardId = reader.GetInt32(6),
            });
    }

    internal const string NearestWifiSql = """
        SELECT id, name, ssid, operator, venue_type, location, radius_meters, status, ward_id,
               ST_Distance(location::geography, @p::geography)
        FROM wifi_points WHERE status = 'Active'
        ORDER BY location::geography <-> @p::geography LIMIT @n
        """;

    public async Task<IReadOnlyList<Nearby<WifiPoint>>> NearestWifiAsync(Point point, int count, CancellationToken ct)
    {
        // ORDER BY the KNN operator walks the geography index; the distance itself is the ellipsoidal one.
        await using var cmd = dataSource.CreateCommand(NearestWifiSql);
        cmd.Parameters.AddWithValue("p", point);
        cmd.Parameters.AddWithValue("n", count);
        var result = new List<Nearby<WifiPoint>>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new Nearby<WifiPoint>(new WifiPoint
            {
                Id = reader.GetInt64(0), Name = reader.GetString(1), Ssid = reader.IsDBNull(2) ? null : reader.GetString(2),
                Operator = reader.IsDBNull(3) ? null : reader.GetString(3), VenueType = Enum.Parse<WifiVenueType>(reader.GetString(4)),
                Location = reader.GetFieldValue<Point>(5), RadiusMeters = reader.GetInt32(6), Status = Enum.Parse<WifiStatus>(reader.GetString(7)),
                WardId = reader.GetInt32(8),
            }, reader.GetDouble(9)));
        return result;
    }

    public async Task<IReadOnlyList<Nearby<Merchant>>> NearestQrMerchantsAsync(Point point, int count, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT id, name, category, location, address, ward_id, ST_Distance(location::geography, @p::geography)
            FROM merchants WHERE accepts_qr
            ORDER BY location::geography <-> @p::geography LIMIT @n
            """);
        cmd.Parameters.AddWithValue("p", point);
        cmd.Parameters.AddWithValue("n", count);
        var result = new List<Nearby<Merchant>>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new Nearby<Merchant>(new Merchant
            {
                Id = reader.GetInt64(0), Name = reader.GetString(1), Category = Enum.Parse<MerchantCategory>(reader.GetString(2)),
                Location = reader.GetFieldValue<Point>(3), Address = reader.IsDBNull(4) ? null : reader.GetString(4), WardId = reader.GetInt32(5), AcceptsQr = true,
            }, reader.GetDouble(6)));
        return result;
    }

    /// <summary>The count below, as the floor of its benchmark runs it too.</summary>
    public const string MerchantsWithoutQrByCategorySql = """
        SELECT category, count(*)::int FROM merchants
        WHERE NOT accepts_qr AND ST_Intersects(location, @area)
        GROUP BY category ORDER BY count(*) DESC, category
        """;

    /// <summary>
    /// PostGIS prices every ST_Intersects call so high that, planned for a concrete polygon, a few thousand candidates
    /// look worth two parallel workers: 20–37 ms for a city-centre box, 4–6 ms on one process. No parallel workers.
    /// </summary>
    public const string WithoutParallelWorkers = "SET LOCAL max_parallel_workers_per_gather = 0";

    public async Task<IReadOnlyList<CategoryCount>> MerchantsWithoutQrByCategoryAsync(Geometry area, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(WithoutParallelWorkers));
        var count = new NpgsqlBatchCommand(MerchantsWithoutQrByCategorySql);
        count.Parameters.AddWithValue("area", area);
        batch.BatchCommands.Add(count);
        var result = new List<CategoryCount>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(new CategoryCount(Enum.Parse<MerchantCategory>(reader.GetString(0)), reader.GetInt32(1)));
        return result;
    }
}
