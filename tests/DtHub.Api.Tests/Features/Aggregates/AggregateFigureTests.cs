using DtHub.Api.Features.Aggregates;
using DtHub.Api.Features.Wards;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static DtHub.Api.Tests.Features.Aggregates.AggregateTestWorld;

namespace DtHub.Api.Tests.Features.Aggregates;

/// <summary>Each aggregate's figures on the hand-built world of <see cref="AggregateTestWorld"/>, worked out on paper.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AggregateFigureTests(HubDatabase hub)
{
    private static readonly DateOnly June2022 = new(2022, 6, 1);

    /// <summary>Area of the 128-gon PostGIS draws for a circle (quad_segs=32), in m².</summary>
    private static double Circle(double radius) => 64 * radius * radius * Math.Sin(2 * Math.PI / 128);

    private static void Close(double expected, double? actual, double relative = 0.001)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(actual.Value - expected) <= Math.Abs(expected) * relative, $"expected {expected} ± {relative:P2}, got {actual}");
    }

    private async Task<(AggregateTestWorld World, ServiceProvider Services)> RefreshedAsync()
    {
        await hub.UseEmptyAsync();
        var world = await BuildAsync(hub);
        var services = Services(hub);
        var run = await services.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Full, "test", "test-host");
        Assert.Equal(AggregateRunStatus.Succeeded, run.Status);
        return (world, services);
    }

    [Fact]
    public async Task Account_ownership_per_ward_takes_the_target_by_scope_and_deadline()
    {
        var (world, services) = await RefreshedAsync();
        await using var _ = services;
        var reader = services.GetRequiredService<AggregateReader>();

        var june = await reader.WardIndicatorsAsync([world.A.Id, world.B.Id, world.D.Id], June2022);
        Assert.Equal(new AccountOwnership(600, 1000, 0.6m, 0.65m, -0.05m, 1, []), june[world.A.Id].AccountOwnership! with { RolledUpFrom = [] });
        // B has a target of its own (passed in 2021): it beats the one every ward shares.
        Assert.Equal((300, 600, 0.5m, 0.90m, -0.40m), Figures(june[world.B.Id].AccountOwnership!));
        // D's report has no holders figure: it is counted as a report and adds to neither side.
        Assert.Equal((null, null, null, 0.65m, null), Figures(june[world.D.Id].AccountOwnership!));
        Assert.Equal(1, june[world.D.Id].AccountOwnership!.Reports);

        var march2023 = await reader.WardIndicatorsAsync([world.A.Id], new DateOnly(2023, 3, 15));
        Assert.Equal((700, 1000, 0.7m, 0.80m, -0.10m), Figures(march2023[world.A.Id].AccountOwnership!));
        var june2024 = await reader.WardIndicatorsAsync([world.A.Id], new DateOnly(2024, 6, 1));
        Assert.Equal((900, 1000, 0.9m, 0.80m, 0.10m), Figures(june2024[world.A.Id].AccountOwnership!));

        var trend = await reader.TrendAsync([world.A.Id, world.B.Id], new DateOnly(2022, 1, 1), new DateOnly(2024, 12, 1), AggregateIndicator.AccountOwnership);
        Assert.Equal([0.6m, 0.7m, 0.9m], trend[world.A.Id].Select(p => p.Rate!.Value));
        Assert.Equal([new DateOnly(2022, 6, 1)], trend[world.B.Id].Select(p => p.Month));
    }

    [Fact]
    public async Task City_account_ownership_counts_every_report_of_the_month_once()
    {
        var (_, services) = await RefreshedAsync();
        await using var __ = services;
        var reader = services.GetRequiredService<AggregateReader>();

        var june = (await reader.CityIndicatorsAsync(June2022)).AccountOwnership!;
        Assert.Equal((900, 1600, 0.5625m, 0.65m, -0.0875m), Figures(june));
        Assert.Equal(3, june.Reports);
        var march2023 = (await reader.CityIndicatorsAsync(new DateOnly(2023, 3, 1))).AccountOwnership!;
        Assert.Equal((700, 1000, 0.7m, 0.65m, 0.05m), Figures(march2023));
    }

    [Fact]
    public async Task Qr_adoption_counts_merchants_active_codes_categories_and_cashless_market_traders()
    {
        var (world, services) = await RefreshedAsync();
        await using var _ = services;
        var reader = services.GetRequiredService<AggregateReader>();

        var wards = await reader.WardIndicatorsAsync([world.A.Id, world.B.Id], June2022);
        var a = wards[world.A.Id].QrAdoption!;
        Assert.Equal((4, 3, 2, 0.75m, 0.5m), (a.Merchants, a.WithQr, a.ActiveQr, a.Rate, a.ActiveRate));
        Assert.Equal(
            ["GeneralStore 2/1/1", "MarketStall 1/1/1", "Restaurant 1/1/0"],
            a.ByCategory.Select(c => $"{c.Category} {c.Merchants}/{c.WithQr}/{c.ActiveQr}"));
        Assert.Equal(new CashlessMarketTraders(1, 1, 1, 1m), wards[world.A.Id].CashlessMarkets);
        Assert.Equal((1, 0, 0m), (wards[world.B.Id].QrAdoption!.Merchants, wards[world.B.Id].QrAdoption!.WithQr, wards[world.B.Id].QrAdoption!.Rate!.Value));

        var city = (await reader.CityIndicatorsAsync(June2022)).QrAdoption!;
        Assert.Equal((5, 3, 2, 0.6m), (city.Merchants, city.WithQr, city.ActiveQr, city.Rate));
        Assert.Equal(4, city.ByCategory.Count);

        var neighborhoods = await reader.NeighborhoodIndicatorsAsync([world.AWest.Id, world.AEast.Id], June2022);
        Assert.Equal((3, 2), (neighborhoods[world.AWest.Id].QrAdoption!.Merchants, neighborhoods[world.AWest.Id].QrAdoption!.WithQr));
        Assert.Null(neighborhoods[world.AWest.Id].AccountOwnership);
    }

    [Fact]
    public async Task Wifi_coverage_is_measured_in_metres_on_the_ground()
    {
        var (world, services) = await RefreshedAsync();
        await using var _ = services;
        var reader = services.GetRequiredService<AggregateReader>();
        var square = SquareAreaM2();
        // A: the 200 m circle at its centre, and half of the 100 m circle on its border with B. The planned point does not count.
        var coveredA = Circle(200) + Circle(100) / 2;

        var wards = await reader.WardIndicatorsAsync([world.A.Id, world.B.Id], June2022);
        var a = wards[world.A.Id].WifiCoverage!;
        Close(square, a.AreaM2, 0.0001);
        Close(coveredA, a.CoveredAreaM2);
        Close(coveredA / square, a.AreaShare);
        // Residents spread evenly: half the big circle lies in each half of A; the small half circle in the east half.
        var coveredResidents = 1000 * (Circle(200) / 2) / (square / 2) + 3000 * (Circle(200) / 2 + Circle(100) / 2) / (square / 2);
        Assert.Equal(4000, a.EstimatedResidents);
        Close(coveredResidents, a.CoveredResidents);
        Close(coveredResidents / 4000, a.ResidentsShare);

        var b = wards[world.B.Id].WifiCoverage!;
        Close(Circle(100) / 2 / square, b.AreaShare);
        Assert.Null(b.ResidentsShare);

        var east = (await reader.NeighborhoodIndicatorsAsync([world.AEast.Id], June2022))[world.AEast.Id].WifiCoverage!;
        Close((Circle(200) / 2 + Circle(100) / 2) / (square / 2), east.AreaShare);

        var city = (await reader.CityIndicatorsAsync(June2022)).WifiCoverage!;
        Close((Circle(200) + Circle(100)) / (3 * square), city.AreaShare);
    }

    [Fact]
    public async Task Team_coverage_counts_neighbourhoods_with_a_team_of_their_own()
    {
        var (world, services) = await RefreshedAsync();
        await using var _ = services;
        var wards = await services.GetRequiredService<AggregateReader>().WardIndicatorsAsync([world.A.Id, world.B.Id], June2022);
        Assert.Equal(new TeamCoverage(2, 1, 0.5m, 2), wards[world.A.Id].TeamCoverage);
        Assert.Equal(new TeamCoverage(0, 0, null, 0), wards[world.B.Id].TeamCoverage);
    }

    [Fact]
    public async Task Model_street_counts_merchants_within_30_metres()
    {
        var (world, services) = await RefreshedAsync();
        await using var _ = services;
        var reader = services.GetRequiredService<AggregateReader>();

        var streets = await reader.StreetComplianceAsync([world.Street1.Id, world.Street2.Id]);
        // m1 is 20 m from street 1 and m3 40 m: only m1 counts.
        Assert.Equal(new ModelStreetCompliance(world.Street1.Id, world.A.Id, 1, 1, 1m, true), streets[world.Street1.Id]);
        Assert.Equal(new ModelStreetCompliance(world.Street2.Id, world.A.Id, 1, 0, 0m, false), streets[world.Street2.Id]);
        Assert.Equal(new ModelStreetsSummary(2, 1, 0.5m), (await reader.WardIndicatorsAsync([world.A.Id], June2022))[world.A.Id].ModelStreets);

        // At 45 m, m3 (40 m) joins street 1, and it accepts QR too.
        await using var wider = Services(hub, o => o.StreetDistanceMeters = 45);
        await wider.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Incremental, "test", "test-host");
        Assert.Equal(2, (await reader.StreetComplianceAsync([world.Street1.Id]))[world.Street1.Id].Merchants);
    }

    [Fact]
    public async Task Hexagon_grid_keeps_every_merchant_resident_and_covered_square_metre()
    {
        var (_, services) = await RefreshedAsync();
        await using var __ = services;
        var cells = await services.GetRequiredService<AggregateReader>().HexCellsAsync();

        // A hexagon of side 250 m covers 3√3/2 · 250² m² in UTM 48N, whose scale here is 1.00024.
        var hexagon = 3 * Math.Sqrt(3) / 2 * 250 * 250 / (1.00024 * 1.00024);
        Assert.All(cells, c => Close(hexagon, c.AreaM2, 0.001));
        Assert.All(cells, c => Assert.Equal(4326, c.Geometry.SRID));
        Assert.Equal(5, cells.Sum(c => c.Merchants));
        Assert.Equal(3, cells.Sum(c => c.WithQr));
        Close(4000, cells.Sum(c => c.EstimatedResidents), 1e-6);
        Close(Circle(200) + Circle(100), cells.Sum(c => c.WifiAreaShare * c.AreaM2));
        // Three 1.1 km squares need at least 3 · 1.2 km² / 0.16 km² cells.
        Assert.InRange(cells.Count, 22, 60);
    }

    [Fact]
    public async Task Merged_wards_roll_their_history_up_into_the_successor()
    {
        await hub.UseEmptyAsync();
        await using (var db = hub.CreateContext())
        {
            Ward NewWard(string code, double west, double east, DateOnly from, DateOnly? to) => new()
            {
                Code = code,
                Name = code,
                Kind = WardKind.Phuong,
                Geometry = Box(west, South, east, North),
                LabelPoint = At((west + east) / 2, 10.355),
                ValidFrom = from,
                ValidTo = to,
                UpdatedAt = Then,
            };
            var merge = new DateOnly(2025, 7, 1);
            var p = NewWard("P", 107.08, 107.09, new DateOnly(2020, 1, 1), merge);
            var q = NewWard("Q", 107.09, 107.10, new DateOnly(2020, 1, 1), merge);
            var r = NewWard("R", 107.08, 107.10, merge, null);
            db.Wards.AddRange(p, q, r);
            await db.SaveChangesAsync();
            db.WardLineage.AddRange(
                new WardLineage { PredecessorId = p.Id, SuccessorId = r.Id, Change = LineageChange.Merge, EffectiveOn = merge },
                new WardLineage { PredecessorId = q.Id, SuccessorId = r.Id, Change = LineageChange.Merge, EffectiveOn = merge });
            await db.SaveChangesAsync();
            await InsertReportAsync(hub, p.Id, new DateOnly(2025, 6, 1), 1000, 600);
            await InsertReportAsync(hub, q.Id, new DateOnly(2025, 6, 1), 1000, 800);
            await InsertReportAsync(hub, r.Id, new DateOnly(2025, 8, 1), 2000, 1500);

            await using var services = Services(hub);
            await services.GetRequiredService<AggregateRefresh>().RunNowAsync(AggregateRunKind.Full, "test", "test-host");
            var reader = services.GetRequiredService<AggregateReader>();

            var trend = await reader.TrendAsync([r.Id, p.Id], new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 1), AggregateIndicator.AccountOwnership);
            Assert.Equal([(new DateOnly(2025, 6, 1), 0.7m), (new DateOnly(2025, 8, 1), 0.75m)], trend[r.Id].Select(t => (t.Month, t.Rate!.Value)));
            Assert.Equal([0.6m], trend[p.Id].Select(t => t.Rate!.Value));
            var june = (await reader.WardIndicatorsAsync([r.Id], new DateOnly(2025, 6, 1)))[r.Id].AccountOwnership!;
            Assert.Equal([p.Id, q.Id], june.RolledUpFrom);
            // The city counts each report once, not once for the predecessor and again for the successor.
            Assert.Equal(1400, (await reader.CityIndicatorsAsync(new DateOnly(2025, 6, 1))).AccountOwnership!.Holders);
            // Only the successor exists now: the predecessors have no current figures.
            Assert.Null((await reader.WardIndicatorsAsync([p.Id], new DateOnly(2025, 6, 1)))[p.Id].QrAdoption);
        }
    }

    private static (int?, int?, decimal?, decimal?, decimal?) Figures(AccountOwnership a) => (a.Holders, a.Residents15Plus, a.Rate, a.Target, a.Gap);
}
