using System.Globalization;
using System.Text.Json;
using DtHub.Api.Features.Demo;
using DtHub.Api.Features.Reports;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DtHub.Api.Tests.Features.Demo;

/// <summary>What the Vũng Tàu demo promises, checked in PostGIS after a real seed.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DemoDataTests(HubDatabase hub) : IAsyncLifetime
{
    private static readonly DateOnly June2022 = new(2022, 6, 1);
    private NpgsqlDataSource Db => hub.DataSource;

    public Task InitializeAsync() => hub.UseDemoDataAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task June_2022_reports_of_the_17_wards_equal_the_published_table()
    {
        var published = PublishedTable();
        await using var db = hub.CreateContext();
        var june = await db.WardReports.Where(r => r.Month == June2022).Include(r => r.Ward).ToListAsync();

        Assert.Equal(17, await db.Wards.CountAsync());
        Assert.Equal(published.Count, june.Count);
        foreach (var row in published)
        {
            var report = Assert.Single(june, r => r.Ward!.Name == row.Name);
            Assert.Equal((row.Households, row.Population, row.Residents15Plus, row.Holders),
                (report.Households, report.Population, report.Residents15Plus, report.AccountHolders15Plus));
            Assert.False(report.IsSynthetic, $"{row.Name}: the June 2022 row is real");
            Assert.Equal("seeds/004_fedd277583d800c4.txt (June 2022 report)", report.Source);
        }
        Assert.Equal(2, june.Count(r => r.Households is null));
    }

    [Fact]
    public async Task City_total_for_June_2022_is_143674_of_238200_or_60_32_percent()
    {
        await using var db = hub.CreateContext();
        var june = db.WardReports.Where(r => r.Month == June2022);
        var holders = await june.SumAsync(r => r.AccountHolders15Plus);
        var residents = await june.SumAsync(r => r.Residents15Plus);

        Assert.Equal(143_674, holders);
        Assert.Equal(238_200, residents);
        Assert.Equal("60,32 %", (100m * holders!.Value / residents!.Value).ToString("0.00", CultureInfo.GetCultureInfo("vi-VN")) + " %");
    }

    [Fact]
    public async Task Every_ward_label_point_lies_in_its_ward()
    {
        var outside = await DemoSql.ListAsync(Db, "SELECT name FROM wards WHERE NOT ST_Contains(geometry, label_point)");
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Ward_polygons_are_valid_and_do_not_overlap()
    {
        Assert.Empty(await DemoSql.ListAsync(Db, "SELECT name || ': ' || ST_IsValidReason(geometry) FROM wards WHERE NOT ST_IsValid(geometry)"));
        // Neighbouring wards share their edges exactly: no overlap at all (1e-12 deg² ≈ 0.01 m²).
        var overlapping = await DemoSql.ListAsync(Db, """
            SELECT a.name || ' / ' || b.name FROM wards a JOIN wards b ON a.id < b.id AND a.geometry && b.geometry
            WHERE ST_Overlaps(a.geometry, b.geometry) OR ST_Area(ST_Intersection(a.geometry, b.geometry)) > 1e-12
            """);
        Assert.Empty(overlapping);
    }

    [Fact]
    public async Task Ward_polygons_together_cover_the_city_outline()
    {
        var outline = CityOutlineGeoJson();
        var gap = await DemoSql.ListAsync(Db, """
            SELECT ST_Area(ST_SymDifference(ST_Union(geometry), ST_SetSRID(ST_GeomFromGeoJSON(@outline), 4326)))
                   / ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(@outline), 4326))
            FROM wards
            """, new NpgsqlParameter("outline", outline));
        var share = double.Parse(Assert.Single(gap), CultureInfo.InvariantCulture);
        Assert.True(share < 1e-6, $"wards and outline differ by {share:P6} of the outline's area");
    }

    [Fact]
    public async Task Neighbourhoods_tile_their_ward_and_share_out_its_population()
    {
        // Coordinates sit on a 1e-7° (≈1 cm) grid, so where a neighbourhood edge meets the ward's boundary it may
        // stray by millimetres: the areas differ by less than one grid step times the perimeter (in degrees).
        var stray = await DemoSql.ListAsync(Db, """
            SELECT n.code FROM neighborhoods n JOIN wards w ON w.id = n.ward_id
            WHERE NOT ST_IsValid(n.geometry)
               OR NOT ST_Contains(w.geometry, ST_PointOnSurface(n.geometry))
               OR ST_Area(ST_Difference(n.geometry, w.geometry)) > 1e-7 * ST_Perimeter(n.geometry)
            """);
        Assert.Empty(stray);
        var uncovered = await DemoSql.ListAsync(Db, """
            SELECT w.name FROM wards w JOIN neighborhoods n ON n.ward_id = w.id GROUP BY w.id
            HAVING ST_Area(ST_SymDifference(w.geometry, ST_Union(n.geometry))) > 1e-7 * ST_Perimeter(w.geometry)
                OR count(*) NOT BETWEEN 4 AND 8
            """);
        Assert.Empty(uncovered);
        // Siblings share their edges exactly: no overlap at all (1e-12 deg² ≈ 0.01 m²).
        var overlapping = await DemoSql.ListAsync(Db, """
            SELECT a.code || ' / ' || b.code FROM neighborhoods a JOIN neighborhoods b ON a.ward_id = b.ward_id AND a.id < b.id
            WHERE ST_Overlaps(a.geometry, b.geometry) OR ST_Area(ST_Intersection(a.geometry, b.geometry)) > 1e-12
            """);
        Assert.Empty(overlapping);
        var misCounted = await DemoSql.ListAsync(Db, """
            SELECT w.name FROM wards w JOIN ward_reports r ON r.ward_id = w.id AND r.month = '2022-06-01'
            WHERE r.population <> (SELECT sum(estimated_residents) FROM neighborhoods n WHERE n.ward_id = w.id)
            """);
        Assert.Empty(misCounted);
    }

    [Fact]
    public async Task Ward_with_more_residents_15_plus_than_residents_is_flagged_not_dropped()
    {
        await using var db = hub.CreateContext();
        var june = await db.WardReports.Where(r => r.Month == June2022).Include(r => r.Ward).ToListAsync();
        var thangNhi = Assert.Single(june, r => r.Ward!.Name == "Phường Thắng Nhì");
        Assert.Equal((22_239, 24_146), (thangNhi.Population, thangNhi.Residents15Plus));
        Assert.True(thangNhi.QualityFlags.HasFlag(ReportQualityFlags.Residents15PlusExceedPopulation));

        // Equal counts are odd but possible: Nguyễn An Ninh is not flagged.
        var nguyenAnNinh = Assert.Single(june, r => r.Ward!.Name == "Phường Nguyễn An Ninh");
        Assert.False(nguyenAnNinh.QualityFlags.HasFlag(ReportQualityFlags.Residents15PlusExceedPopulation));
        Assert.Equal(["Phường Thắng Nhì"], june.Where(r => r.QualityFlags.HasFlag(ReportQualityFlags.Residents15PlusExceedPopulation))
            .Select(r => r.Ward!.Name));
    }

    [Fact]
    public async Task Every_ward_reports_every_month_from_2022_to_2024_with_flags_assessed()
    {
        await using var db = hub.CreateContext();
        var reports = await db.WardReports.ToListAsync();
        Assert.Equal(17 * 36, reports.Count);
        Assert.All(reports.GroupBy(r => r.WardId), ward => Assert.Equal(36, ward.Select(r => r.Month).Distinct().Count()));
        Assert.Equal((new DateOnly(2022, 1, 1), new DateOnly(2024, 12, 1)), (reports.Min(r => r.Month), reports.Max(r => r.Month)));
        Assert.All(reports, r => Assert.Equal(WardReport.Assess(r.Households, r.Population, r.Residents15Plus, r.AccountHolders15Plus), r.QualityFlags));

        var batch = await db.ImportBatches.SingleAsync();
        Assert.Equal("demo", batch.Kind);
        Assert.Matches("^[0-9a-f]{64}$", batch.ContentHash);
        Assert.All(reports, r => Assert.Equal(batch.Id, r.ImportBatchId));

        // Synthetic months climb: the city passes the 65 % target by the end of 2024.
        var december2024 = reports.Where(r => r.Month == new DateOnly(2024, 12, 1)).ToList();
        var rate = (double)december2024.Sum(r => r.AccountHolders15Plus!.Value) / december2024.Sum(r => r.Residents15Plus!.Value);
        Assert.InRange(rate, 0.65, 0.85);
    }

    [Fact]
    public async Task Cashless_markets_hold_542_traders_199_with_QR_and_95_with_transactions()
    {
        await using var db = hub.CreateContext();
        Assert.Equal(3, await db.Markets.CountAsync(m => m.IsCashless));
        var stalls = db.Merchants.Where(m => m.MarketId != null);
        Assert.Equal(542, await stalls.CountAsync());
        Assert.Equal(199, await stalls.CountAsync(m => m.AcceptsQr));
        Assert.Equal(95, await stalls.CountAsync(m => m.HasTransactions));
        Assert.Equal(0, await stalls.CountAsync(m => m.HasTransactions && !m.AcceptsQr));
    }

    [Fact]
    public async Task There_are_109_teams_and_some_neighbourhoods_have_none()
    {
        await using var db = hub.CreateContext();
        Assert.Equal(109, await db.Teams.CountAsync());
        Assert.Equal(17, await db.Teams.Where(t => t.Level == DtHub.Api.Features.Teams.TeamLevel.Ward).Select(t => t.WardId).Distinct().CountAsync());
        var withoutTeam = await db.Neighborhoods.CountAsync(n => !db.Teams.Any(t => t.NeighborhoodId == n.Id));
        Assert.InRange(withoutTeam, 3, 17);

        var leaders = await DemoSql.ListAsync(Db, """
            SELECT t.name FROM teams t WHERE (SELECT count(*) FROM team_members m WHERE m.team_id = t.id AND m.role = 'Leader') <> 1
            """);
        Assert.Empty(leaders);
        var realLookingContacts = await DemoSql.ListAsync(Db,
            "SELECT full_name FROM team_member_contacts WHERE full_name NOT LIKE '% (mẫu)' OR phone NOT LIKE '0900 %'");
        Assert.Empty(realLookingContacts);
    }

    [Fact]
    public async Task Generated_rows_are_marked_synthetic_and_the_June_2022_reports_are_not()
    {
        foreach (var table in new[] { "wards", "neighborhoods", "teams", "merchants", "markets", "wifi_points", "model_streets" })
            Assert.Equal(0L, await DemoSql.ScalarAsync<long>(Db, $"SELECT count(*) FROM {table} WHERE NOT is_synthetic"));
        Assert.Equal(0L, await DemoSql.ScalarAsync<long>(Db, "SELECT count(*) FROM ward_reports WHERE is_synthetic = (month = '2022-06-01')"));
    }

    [Fact]
    public async Task Merchants_and_Wi_Fi_points_lie_in_the_ward_and_neighbourhood_they_name()
    {
        Assert.Equal(3_000L, await DemoSql.ScalarAsync<long>(Db, "SELECT count(*) FROM merchants"));
        Assert.Empty(await DemoSql.ListAsync(Db, """
            SELECT m.name FROM merchants m JOIN wards w ON w.id = m.ward_id JOIN neighborhoods n ON n.id = m.neighborhood_id
            WHERE NOT ST_Contains(w.geometry, m.location) OR NOT ST_Contains(n.geometry, m.location)
            """));
        Assert.Empty(await DemoSql.ListAsync(Db, """
            SELECT p.name FROM wifi_points p JOIN wards w ON w.id = p.ward_id
            WHERE NOT ST_Contains(w.geometry, p.location) OR p.radius_meters NOT BETWEEN 50 AND 150
            """));
        Assert.InRange(await DemoSql.ScalarAsync<long>(Db, "SELECT count(*) FROM wifi_points"), 130L, 170L);
    }

    [Fact]
    public async Task QR_acceptance_is_realistic_by_category()
    {
        var shares = await DemoSql.ListAsync(Db, """
            SELECT category || ' ' || round(avg(accepts_qr::int), 2) FROM merchants
            WHERE category IN ('GeneralStore', 'Restaurant', 'Hotel') GROUP BY category
            HAVING avg(accepts_qr::int) NOT BETWEEN 0.5 AND 0.75
            """);
        Assert.Empty(shares);
        Assert.True(await DemoSql.ScalarAsync<long>(Db, "SELECT count(*) FROM merchants WHERE qr_payload LIKE '000201%6304____'") > 100);
        Assert.Equal(0L, await DemoSql.ScalarAsync<long>(Db, "SELECT count(*) FROM merchants WHERE qr_payload IS NOT NULL AND NOT accepts_qr"));
        Assert.True(await DemoSql.ScalarAsync<long>(Db, "SELECT count(*) FROM merchants WHERE category = 'Hotel' AND website LIKE 'https://%.vn'") > 20);
    }

    [Fact]
    public async Task Each_ward_has_two_or_three_model_streets_some_fully_on_QR_and_some_not()
    {
        Assert.Empty(await DemoSql.ListAsync(Db, """
            SELECT w.name FROM wards w LEFT JOIN model_streets s ON s.ward_id = w.id GROUP BY w.id HAVING count(s.id) NOT BETWEEN 2 AND 3
            """));
        Assert.Empty(await DemoSql.ListAsync(Db, """
            SELECT s.name FROM model_streets s JOIN wards w ON w.id = s.ward_id
            WHERE NOT ST_Contains(w.geometry, s.geometry) OR ST_Length(s.geometry::geography) NOT BETWEEN 290 AND 810
            """));
        // Merchants within 20 m of a street's centre line are on it; shares per street.
        var compliance = await DemoSql.ListAsync(Db, """
            SELECT avg(m.accepts_qr::int)::text FROM model_streets s
            JOIN merchants m ON ST_DWithin(m.location::geography, s.geometry::geography, 20)
            GROUP BY s.id
            """);
        Assert.Equal(await DemoSql.ScalarAsync<long>(Db, "SELECT count(*) FROM model_streets"), compliance.Count);
        Assert.Contains(compliance, share => decimal.Parse(share, CultureInfo.InvariantCulture) == 1m);
        Assert.Contains(compliance, share => decimal.Parse(share, CultureInfo.InvariantCulture) < 1m);
    }

    [Fact]
    public async Task Targets_from_the_plans_are_loaded_as_fractions()
    {
        await using var db = hub.CreateContext();
        var targets = await db.Targets.ToListAsync();
        Assert.Equal(19, targets.Count); // 18 rows; "city and each ward" gives two
        var accounts = targets.Where(t => t.Indicator == "account_ownership_15plus" && t.ScopeLabel == "city and each ward (Vũng Tàu)").ToList();
        Assert.Equal([0.65m, 0.65m], accounts.Select(t => t.Value));
        Assert.All(targets, t => Assert.InRange(t.Value, 0m, 1m));
    }

    private sealed record PublishedRow(string Name, int? Households, int? Population, int? Residents15Plus, int? Holders);

    /// <summary>The CSV read here by hand, independently of the generator's reader.</summary>
    private static List<PublishedRow> PublishedTable()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "demo", "vungtau-wards-2022-06.csv"));
        int? Number(string cell) => cell.Length == 0 ? null : int.Parse(cell, CultureInfo.InvariantCulture);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(c => new PublishedRow(c[0], Number(c[2]), Number(c[3]), Number(c[4]), Number(c[5])))
            .ToList();
    }

    private static string CityOutlineGeoJson()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "demo", "vungtau-demo-geometry.geojson")));
        var outline = file.RootElement.GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("properties").GetProperty("kind").GetString() == "city_outline");
        return outline.GetProperty("geometry").GetRawText();
    }
}
