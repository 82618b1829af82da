using System.Text.Json;
using System.Globalization;
using DtHub.Api.Features.Aggregates;
using DtHub.Api.Features.Gaps;
using DtHub.Api.Tests.Features.Aggregates;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DtHub.Api.Tests.Features.Gaps;

/// <summary>The planners' gap queries on the Vũng Tàu demo data after a full aggregate refresh.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class GapTests(HubDatabase hub) : IAsyncLifetime
{
    private static readonly object VungTauCentre = new { type = "Point", coordinates = new[] { 107.0845, 10.3460 } };

    public async Task InitializeAsync()
    {
        await hub.UseDemoDataAsync(willWrite: true);
        await using var services = AggregateTestWorld.Services(hub);
        await services.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Full, "test", "test-host");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Wards_below_65_percent_in_june_2022_with_the_people_needed_to_reach_it()
    {
        var result = await hub.Api.ExecuteAsync("""
            { gaps { unitsBelowTarget(level: WARD, indicator: ACCOUNT_OWNERSHIP, month: "2022-06", orderBy: PEOPLE_TO_TARGET, first: 50) {
                totalCount nodes { name rate target gap peopleToTarget } } } }
            """);
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "demo", "vungtau-wards-2022-06.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (Name: f[0], Residents: int.Parse(f[4], CultureInfo.InvariantCulture), Holders: int.Parse(f[5], CultureInfo.InvariantCulture)))
            .Where(w => (decimal)w.Holders / w.Residents < 0.65m)
            .ToDictionary(w => w.Name, w => (int)Math.Ceiling(0.65m * w.Residents - w.Holders));

        var nodes = result.GetProperty("data").GetProperty("gaps").GetProperty("unitsBelowTarget").GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(expected.Count, nodes.Count);
        foreach (var node in nodes)
        {
            Assert.Equal(expected[node.GetProperty("name").GetString()!], node.GetProperty("peopleToTarget").GetInt32());
            Assert.Equal(0.65, node.GetProperty("target").GetDouble(), 6);
            Assert.True(node.GetProperty("gap").GetDouble() < 0);
        }
        var people = nodes.Select(n => n.GetProperty("peopleToTarget").GetInt32()).ToList();
        Assert.Equal(people.OrderDescending(), people);
    }

    [Theory]
    [InlineData("GAP")]
    [InlineData("PEOPLE_TO_TARGET")]
    public async Task Pages_of_units_below_target_follow_one_another_in_the_order_of_the_whole_list(string orderBy)
    {
        var query = $$"""
            query($first: Int, $after: String, $last: Int, $before: String) { gaps {
              unitsBelowTarget(level: WARD, indicator: ACCOUNT_OWNERSHIP, month: "2022-06", orderBy: {{orderBy}}, first: $first, after: $after, last: $last, before: $before) {
                totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { name } } } }
            """;
        var whole = Units(await hub.Api.ExecuteAsync(query, new { first = 50 }));
        var names = Names(whole);
        Assert.True(names.Count >= 5, $"the demo month has {names.Count} wards below 65 %");

        var pages = new List<string>();
        string? after = null;
        do
        {
            var page = Units(await hub.Api.ExecuteAsync(query, new { first = 2, after }));
            Assert.Equal(names.Count, page.GetProperty("totalCount").GetInt32());
            pages.AddRange(Names(page));
            var info = page.GetProperty("pageInfo");
            after = info.GetProperty("hasNextPage").GetBoolean() ? info.GetProperty("endCursor").GetString() : null;
        } while (after is not null);
        Assert.Equal(names, pages);

        // "last" counts back from the end; "before" reads the page ahead of a cursor.
        var tail = Units(await hub.Api.ExecuteAsync(query, new { last = 2 }));
        Assert.Equal(names[^2..], Names(tail));
        var ahead = Units(await hub.Api.ExecuteAsync(query, new { last = 2, before = tail.GetProperty("pageInfo").GetProperty("startCursor").GetString() }));
        Assert.Equal(names[^4..^2], Names(ahead));

        static JsonElement Units(JsonElement result)
        {
            Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
            return result.GetProperty("data").GetProperty("gaps").GetProperty("unitsBelowTarget");
        }

        static List<string> Names(JsonElement connection) =>
            connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!).ToList();
    }

    [Fact]
    public async Task A_page_past_the_end_of_the_streets_below_target_is_empty_and_still_counts_them()
    {
        var all = await hub.Api.ExecuteAsync("{ gaps { modelStreetsBelowTarget(first: 100) { totalCount } } }");
        var total = all.GetProperty("data").GetProperty("gaps").GetProperty("modelStreetsBelowTarget").GetProperty("totalCount").GetInt32();
        var farCursor = DtHub.Api.GraphQL.Relay.PageRequest.EncodeCursor(total + 5);

        var result = await hub.Api.ExecuteAsync("""
            query($after: String) { gaps { modelStreetsBelowTarget(first: 10, after: $after) { totalCount pageInfo { hasNextPage } nodes { name } } } }
            """, new { after = farCursor });

        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var page = result.GetProperty("data").GetProperty("gaps").GetProperty("modelStreetsBelowTarget");
        Assert.Equal(total, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(0, page.GetProperty("nodes").GetArrayLength());
        Assert.False(page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    [Fact]
    public async Task Wards_filter_and_sort_by_an_indicator_lowest_first()
    {
        var result = await hub.Api.ExecuteAsync("""
            { wards(first: 50, byIndicator: { indicator: ACCOUNT_OWNERSHIP, month: "2022-06", lte: 0.65, order: ASC }) {
                totalCount nodes { name } } }
            """);
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "demo", "vungtau-wards-2022-06.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (Name: f[0], Rate: decimal.Parse(f[5], CultureInfo.InvariantCulture) / decimal.Parse(f[4], CultureInfo.InvariantCulture)))
            .Where(w => w.Rate <= 0.65m).OrderBy(w => w.Rate).Select(w => w.Name).ToList();
        var wards = result.GetProperty("data").GetProperty("wards");
        Assert.Equal(expected.Count, wards.GetProperty("totalCount").GetInt32());
        Assert.Equal(expected, wards.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Neighborhoods_without_a_team_are_exactly_those_no_team_serves()
    {
        var result = await hub.Api.ExecuteAsync("{ gaps { neighborhoodsWithoutTeam(first: 50) { totalCount nodes { name ward { name } } } } }");
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var count = await ScalarAsync("SELECT count(*)::int FROM neighborhoods n WHERE NOT EXISTS (SELECT 1 FROM teams t WHERE t.neighborhood_id = n.id)");
        Assert.True(count > 0);
        Assert.Equal(count, result.GetProperty("data").GetProperty("gaps").GetProperty("neighborhoodsWithoutTeam").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Wifi_gap_cells_have_no_active_wifi_within_the_radius_and_add_up()
    {
        var result = await hub.Api.ExecuteAsync("""
            { gaps { wifiGaps(radiusMeters: 300, minResidents: 50) {
                residentsUncovered suggestedSite { location residentsCovered }
                cells(first: 100) { totalCount nodes { geometry residents } } } } }
            """);
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var gaps = result.GetProperty("data").GetProperty("gaps").GetProperty("wifiGaps");
        var cells = gaps.GetProperty("cells");
        Assert.True(cells.GetProperty("totalCount").GetInt32() > 0);
        foreach (var cell in cells.GetProperty("nodes").EnumerateArray())
        {
            Assert.True(cell.GetProperty("residents").GetDouble() >= 50);
            var covered = await ScalarAsync("""
                SELECT count(*)::int FROM wifi_points w
                WHERE w.status = 'Active' AND ST_DWithin(w.location::geography, ST_Centroid(ST_GeomFromGeoJSON(@cell))::geography, 300)
                """, ("cell", cell.GetProperty("geometry").GetRawText()));
            Assert.Equal(0, covered);
        }
        if (cells.GetProperty("totalCount").GetInt32() <= 100)
            Assert.Equal(gaps.GetProperty("residentsUncovered").GetDouble(),
                cells.GetProperty("nodes").EnumerateArray().Sum(c => c.GetProperty("residents").GetDouble()), 3);
        Assert.True(gaps.GetProperty("suggestedSite").GetProperty("residentsCovered").GetDouble() >= 50);
    }

    [Fact]
    public async Task Wifi_gaps_of_an_area_are_the_city_gaps_that_touch_it()
    {
        // One ward's outline as the area: exactly the city-wide gap cells that intersect it.
        await using var outline = hub.DataSource.CreateCommand("SELECT ST_AsGeoJSON(geometry) FROM wards WHERE name = 'Phường 7' AND valid_to IS NULL");
        var area = (string)(await outline.ExecuteScalarAsync())!;
        const string query = """
            query($area: GeoJSON) { gaps { wifiGaps(radiusMeters: 300, minResidents: 1, area: $area) {
              residentsUncovered cells(first: 100) { totalCount nodes { geometry } } } } }
            """;
        var inArea = await hub.Api.ExecuteAsync(query, new { area = System.Text.Json.JsonDocument.Parse(area).RootElement });
        var everywhere = await hub.Api.ExecuteAsync(query, new { area = (object?)null });
        Assert.False(inArea.TryGetProperty("errors", out var errors), errors.ToString());

        var cells = inArea.GetProperty("data").GetProperty("gaps").GetProperty("wifiGaps").GetProperty("cells");
        var expected = await ScalarAsync("""
            SELECT count(*)::int FROM agg_hex_cell c
            WHERE c.estimated_residents >= 1 AND ST_Intersects(c.geometry, ST_GeomFromGeoJSON(@area))
              AND NOT EXISTS (SELECT 1 FROM wifi_points w WHERE w.status = 'Active'
                              AND ST_DWithin(w.location::geography, ST_Centroid(c.geometry)::geography, 300))
            """, ("area", area));
        Assert.True(expected > 0);
        Assert.Equal(expected, cells.GetProperty("totalCount").GetInt32());
        Assert.True(expected < everywhere.GetProperty("data").GetProperty("gaps").GetProperty("wifiGaps").GetProperty("cells").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Model_streets_below_target_list_the_merchants_that_hold_them_back()
    {
        var result = await hub.Api.ExecuteAsync("""
            { gaps { modelStreetsBelowTarget(first: 50) { totalCount nodes { id name compliance merchants withQr merchantsWithoutQr { id acceptsQr location } } } } }
            """);
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var nodes = result.GetProperty("data").GetProperty("gaps").GetProperty("modelStreetsBelowTarget").GetProperty("nodes").EnumerateArray().ToList();
        Assert.NotEmpty(nodes);
        foreach (var street in nodes)
        {
            Assert.True(street.GetProperty("compliance").GetDouble() < 1);
            var holdouts = street.GetProperty("merchantsWithoutQr").EnumerateArray().ToList();
            Assert.All(holdouts, m => Assert.False(m.GetProperty("acceptsQr").GetBoolean()));
            // Kept by the refresh, they agree with the street's counts and with a search on the spheroid.
            Assert.Equal(street.GetProperty("merchants").GetInt32() - street.GetProperty("withQr").GetInt32(), holdouts.Count);
            var searched = await IdsAsync("""
                SELECT m.id FROM model_streets s
                JOIN merchants m ON ST_DWithin(m.location::geography, s.geometry::geography, @distance)
                WHERE s.id = @street AND NOT m.accepts_qr ORDER BY m.id
                """, ("street", (int)Key(street)), ("distance", new AggregateOptions().StreetDistanceMeters));
            Assert.Equal(searched, holdouts.Select(Key).Order());
        }
    }

    [Fact]
    public async Task Nearest_wifi_distances_match_postgis_and_come_nearest_first()
    {
        var result = await hub.Api.ExecuteAsync("""
            query($p: GeoJSON!) { gaps { nearestWifi(point: $p, count: 5) { name distance location } } }
            """, new { p = VungTauCentre });
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var nodes = result.GetProperty("data").GetProperty("gaps").GetProperty("nearestWifi").EnumerateArray().ToList();
        Assert.Equal(5, nodes.Count);
        var distances = nodes.Select(n => n.GetProperty("distance").GetDouble()).ToList();
        Assert.Equal(distances.Order(), distances);
        var expected = await ScalarDoubleAsync("""
            SELECT ST_Distance(location::geography, ST_SetSRID(ST_MakePoint(107.0845, 10.3460), 4326)::geography)
            FROM wifi_points WHERE status = 'Active' ORDER BY 1 LIMIT 1
            """);
        Assert.Equal(expected, distances[0], 6);
    }

    [Fact]
    public async Task Merchants_without_qr_in_a_polygon_by_category_add_up_to_the_list()
    {
        var area = new { type = "Polygon", coordinates = new[] { new[] { new[] { 107.07, 10.33 }, new[] { 107.10, 10.33 }, new[] { 107.10, 10.36 }, new[] { 107.07, 10.36 }, new[] { 107.07, 10.33 } } } };
        var result = await hub.Api.ExecuteAsync("""
            query($a: GeoJSON!) { gaps {
              merchantsWithoutQrByCategory(area: $a) { category merchants }
              merchantsWithoutQr(area: $a, first: 1) { totalCount } } }
            """, new { a = area });
        Assert.False(result.TryGetProperty("errors", out var errors), errors.ToString());
        var gaps = result.GetProperty("data").GetProperty("gaps");
        var byCategory = gaps.GetProperty("merchantsWithoutQrByCategory").EnumerateArray().Sum(c => c.GetProperty("merchants").GetInt32());
        Assert.True(byCategory > 0);
        Assert.Equal(byCategory, gaps.GetProperty("merchantsWithoutQr").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_wards_gap_report_exports_as_geojson_and_csv()
    {
        using var client = hub.Api.CreateClient();
        var geojson = await client.GetAsync("exports/gaps/wards/VT04.geojson?month=2022-06");
        Assert.Equal("application/geo+json", geojson.Content.Headers.ContentType?.MediaType);
        using var document = System.Text.Json.JsonDocument.Parse(await geojson.Content.ReadAsStringAsync());
        Assert.Equal("FeatureCollection", document.RootElement.GetProperty("type").GetString());
        var features = document.RootElement.GetProperty("features").EnumerateArray().ToList();
        var account = Assert.Single(features, f => f.GetProperty("properties").GetProperty("detail").GetString() == "AccountOwnership");
        Assert.Equal("Phường 4", account.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(6306, account.GetProperty("properties").GetProperty("peopleToTarget").GetInt32()); // ⌈0.65 × 18,737⌉ − 5,874

        var csv = await client.GetStringAsync("exports/gaps/wards/VT04.csv?month=2022-06");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("kind,name,detail,figures", lines[0]);
        Assert.Equal(features.Count, lines.Length - 1);

        var unknown = await client.GetAsync("exports/gaps/wards/XX99.geojson?month=2022-06");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        var noMonth = await client.GetAsync("exports/gaps/wards/VT04.csv");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noMonth.StatusCode);
    }

    [Fact]
    public async Task A_wards_gap_report_lists_the_streets_then_each_streets_holdouts()
    {
        await using var busiest = hub.DataSource.CreateCommand("""
            SELECT w.code FROM agg_model_street a JOIN wards w ON w.id = a.ward_id
            WHERE a.merchants_with_qr < a.merchants GROUP BY w.code ORDER BY sum(a.merchants - a.merchants_with_qr) DESC, w.code LIMIT 1
            """);
        var code = (string)(await busiest.ExecuteScalarAsync())!;
        using var client = hub.Api.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync($"exports/gaps/wards/{code}.geojson?month=2022-06"));
        var features = document.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties")).ToList();
        var streets = features.FindAll(p => p.GetProperty("kind").GetString() == "model_street_below_target");
        var holdouts = features.FindAll(p => p.GetProperty("kind").GetString() == "merchant_without_qr");

        Assert.NotEmpty(holdouts);
        Assert.Equal(streets.Sum(s => s.GetProperty("merchants").GetInt32() - s.GetProperty("withQr").GetInt32()), holdouts.Count);
        var streetNames = streets.Select(s => "on " + s.GetProperty("name").GetString()).ToHashSet();
        Assert.All(holdouts, h => Assert.Contains(h.GetProperty("detail").GetString()!, streetNames));
        Assert.True(features.FindLastIndex(p => p.GetProperty("kind").GetString() == "model_street_below_target")
                    < features.FindIndex(p => p.GetProperty("kind").GetString() == "merchant_without_qr"));
    }

    [Theory]
    [InlineData("wifiGaps(radiusMeters: 0) { residentsUncovered }", "radiusMeters")]
    [InlineData("wifiGaps(radiusMeters: 50000) { residentsUncovered }", "radiusMeters")]
    [InlineData("nearestWifi(point: { type: \"Point\", coordinates: [107.08, 10.34] }, count: 0) { name }", "count")]
    [InlineData("nearestWifi(point: { type: \"LineString\", coordinates: [[107.08, 10.34], [107.09, 10.35]] }) { name }", "GeoJSON Point")]
    [InlineData("merchantsWithoutQrByCategory(area: { type: \"Polygon\", coordinates: [[[100, 5], [110, 5], [110, 20], [100, 20], [100, 5]]] }) { merchants }", "km²")]
    [InlineData("merchantsWithoutQrByCategory(area: { type: \"Point\", coordinates: [107.08, 10.34] }) { merchants }", "Polygon")]
    [InlineData("wifiGaps(radiusMeters: 300, area: { type: \"Point\", coordinates: [107.08, 10.34] }) { residentsUncovered }", "Polygon")]
    [InlineData("unitsBelowTarget(level: NEIGHBORHOOD, month: \"2022-06\") { totalCount }", "per ward only")]
    public async Task Bad_input_gets_a_clear_graphql_error(string field, string message)
    {
        var result = await hub.Api.ExecuteAsync($$"""{ gaps { {{field}} } }""");
        Assert.Contains(message, result.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GapQueries.NearestWifiSql, "wifi_points", "ix_wifi_points_location_geography")]
    [InlineData(GapQueries.MerchantsWithoutQrByCategorySql, "merchants", "ix_merchants_location")]
    public async Task Large_table_gap_queries_use_the_geography_index(string sql, string table, string index)
    {
        // Index use does not depend on the plan statistics of the small demo: turn off sequential scans to show the
        // index *can* serve the predicate exactly as written (a predicate it cannot serve would still scan).
        await using var conn = await hub.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        // Sorts off too: on a few dozen rows a partial index plus a sort is as cheap as the KNN walk.
        await using (var off = new NpgsqlCommand("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off", conn, tx)) await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, conn, tx);
        explain.Parameters.AddWithValue("p", new NetTopologySuite.Geometries.Point(107.0845, 10.3460) { SRID = 4326 });
        explain.Parameters.AddWithValue("n", 5);
        explain.Parameters.AddWithValue("area", new NetTopologySuite.Geometries.GeometryFactory(new(), 4326).ToGeometry(new(107.05, 107.10, 10.32, 10.37)));
        var plan = string.Join('\n', await ReadAllAsync(explain));
        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain($"Seq Scan on {table}", plan, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ReadAllAsync(NpgsqlCommand command)
    {
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return lines;
    }

    private static long Key(JsonElement node) =>
        DtHub.Api.GraphQL.Relay.GlobalId.TryDecode(node.GetProperty("id").GetString(), out _, out var key) ? key : throw new FormatException("not a global id");

    private async Task<List<long>> IdsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = hub.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        var ids = new List<long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private async Task<int> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var cmd = hub.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return (int)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<double> ScalarDoubleAsync(string sql)
    {
        await using var cmd = hub.DataSource.CreateCommand(sql);
        return (double)(await cmd.ExecuteScalarAsync())!;
    }
}
