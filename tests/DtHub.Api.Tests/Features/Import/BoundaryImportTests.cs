using System.Globalization;
using System.Text.Json;
using DtHub.Api.Features.Import;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.Features.Import;

[Collection(DatabaseCollection.Name)]
public sealed class BoundaryImportTests(HubDatabase hub)
{
    private async Task<(ImportService Import, Dictionary<string, int> Wards)> StartAsync()
    {
        await hub.UseEmptyAsync();
        var wards = await ImportTestData.SeedWardsAsync(hub);
        return (ImportTestData.Services(hub).GetRequiredService<ImportService>(), wards);
    }

    private static object Feature(string code, string name, string kind, string validFrom, double[][] ring, string[]? predecessors = null) => new
    {
        type = "Feature",
        properties = new { code, name, kind, validFrom, predecessors },
        geometry = new { type = "Polygon", coordinates = new[] { ring } },
    };

    private static double[][] Rectangle(double lon, double lat, double width, double height) =>
        [[lon, lat], [lon + width, lat], [lon + width, lat + height], [lon, lat + height], [lon, lat]];

    private static MemoryStream Collection(params object[] features) =>
        new(JsonSerializer.SerializeToUtf8Bytes(new { type = "FeatureCollection", features }));

    [Fact]
    public async Task A_merge_closes_the_old_wards_and_opens_the_successor_with_lineage()
    {
        var (import, wards) = await StartAsync();
        // Wards 1 and 2 are the squares 107.00–107.04 E × 10.30–10.32 N.
        var merged = Feature("VT-2025-01", "Phường Vũng Tàu", "phuong", "2025-07-01", Rectangle(107.00, 10.30, 0.04, 0.02), ["VT01", "VT02"]);

        var result = await import.ImportBoundariesAsync(Collection(merged), "sap-nhap-2025.geojson");

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        Assert.Equal(1, result.Inserted);
        Assert.Equal(2, await ImportTestData.ScalarAsync(hub, $"SELECT count(*) FROM wards WHERE id IN ({wards["Phường 1"]}, {wards["Phường 2"]}) AND valid_to = '2025-07-01'"));
        var successor = await ImportTestData.ScalarAsync(hub, "SELECT id FROM wards WHERE code = 'VT-2025-01' AND valid_to IS NULL");
        Assert.Equal(2, await ImportTestData.ScalarAsync(hub, $"SELECT count(*) FROM ward_lineage WHERE successor_id = {successor} AND change = 'Merge' AND effective_on = '2025-07-01'"));
        Assert.Equal(16, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM wards WHERE valid_to IS NULL"));
        Assert.Contains((int)successor, result.AffectedWardIds);

        var again = await import.ImportBoundariesAsync(Collection(merged), "sap-nhap-2025.geojson");
        Assert.True(again.Accepted, string.Join("\n", again.Errors));
        Assert.Equal((0, 0, 1), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal(18, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM wards"));
        Assert.Equal(2, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM ward_lineage"));
    }

    [Fact]
    public async Task A_unit_overlapping_current_wards_without_naming_them_is_rejected_and_nothing_is_written()
    {
        var (import, _) = await StartAsync();
        var fine = Feature("N-1", "Xã Mới", "xa", "2025-07-01", Rectangle(107.30, 10.60, 0.02, 0.02));
        var overlapping = Feature("VT-2025-01", "Phường Vũng Tàu", "phuong", "2025-07-01", Rectangle(107.00, 10.30, 0.04, 0.02), ["VT01"]);

        var result = await import.ImportBoundariesAsync(Collection(fine, overlapping), "b.geojson");

        Assert.False(result.Accepted);
        Assert.Contains(result.Errors, e => e is { Row: 2, Field: "geometry" } && e.Reason.Contains("Phường 2 (VT02)") && e.Reason.Contains("predecessors"));
        Assert.Equal(17, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM wards"));
        Assert.Equal(17, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM wards WHERE valid_to IS NULL"));
    }

    [Fact]
    public async Task A_polygon_with_a_spike_is_repaired_and_flagged_but_a_bow_tie_is_rejected()
    {
        var (import, _) = await StartAsync();
        double[][] spike = [[107.30, 10.60], [107.32, 10.60], [107.32, 10.61], [107.33, 10.61], [107.32, 10.61], [107.32, 10.62], [107.30, 10.62], [107.30, 10.60]];
        var repaired = await import.ImportBoundariesAsync(Collection(Feature("S-1", "Xã Gai", "xa", "2025-07-01", spike)), "spike.geojson");
        Assert.True(repaired.Accepted, string.Join("\n", repaired.Errors));
        Assert.Equal(1, repaired.Flagged);
        Assert.Contains(repaired.Warnings, w => w.Reason.Contains("repaired"));
        Assert.Equal(1, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM wards WHERE code = 'S-1' AND ST_IsValid(geometry)"));

        double[][] bowTie = [[107.40, 10.60], [107.42, 10.62], [107.42, 10.60], [107.40, 10.62], [107.40, 10.60]];
        var rejected = await import.ImportBoundariesAsync(Collection(Feature("B-1", "Xã Nơ", "xa", "2025-07-01", bowTie)), "bow.geojson");
        Assert.False(rejected.Accepted);
        Assert.Contains(rejected.Errors, e => e.Reason.Contains("no unambiguous repair"));
    }

    [Fact]
    public async Task Swapped_coordinates_absurd_sizes_and_foreign_crs_are_rejected()
    {
        var (import, _) = await StartAsync();
        double[][] swapped = [.. Rectangle(107.30, 10.60, 0.02, 0.02).Select(p => new[] { p[1], p[0] })];
        var result = await import.ImportBoundariesAsync(Collection(
            Feature("W-1", "Đảo", "xa", "2025-07-01", swapped),
            Feature("W-2", "Tí hon", "phuong", "2025-07-01", Rectangle(107.50, 10.60, 0.0001, 0.0001)),
            Feature("W-3", "Khổng lồ", "phuong", "2025-07-01", Rectangle(104.0, 9.0, 3, 3))), "bad.geojson");

        Assert.False(result.Accepted);
        Assert.Contains(result.Errors, e => e.Row == 1 && e.Reason.Contains("swapped"));
        Assert.Contains(result.Errors, e => e.Row == 2 && e.Reason.Contains("absurd"));
        Assert.Contains(result.Errors, e => e.Row == 3 && e.Reason.Contains("absurd"));

        var projected = """{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3405"}},"features":[]}""";
        var crs = await import.ImportBoundariesAsync(ImportTestData.Utf8(projected), "vn2000.geojson");
        Assert.Contains(crs.Errors, e => e.Field == "crs" && e.Reason.Contains("EPSG:4326"));
    }

    [Fact]
    public async Task A_failure_after_the_ward_pass_wrote_rolls_the_whole_file_back()
    {
        var (import, _) = await StartAsync();
        var ward = Feature("N-1", "Xã Mới", "xa", "2025-07-01", Rectangle(107.30, 10.60, 0.02, 0.02));
        // The neighbourhood pass runs after the wards are written (inside the transaction) and fails.
        var orphan = new
        {
            type = "Feature",
            properties = new { code = "KP-X", name = "Khu phố X", kind = "khu_pho", validFrom = "2025-07-01", wardCode = "NOPE" },
            geometry = new { type = "Polygon", coordinates = new[] { Rectangle(107.305, 10.605, 0.005, 0.005) } },
        };

        var result = await import.ImportBoundariesAsync(Collection(ward, orphan), "b.geojson");

        Assert.False(result.Accepted);
        Assert.Contains(result.Errors, e => e is { Row: 2, Field: "wardCode" });
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM wards WHERE code = 'N-1'"));
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM neighborhoods"));
        Assert.Equal(0, await ImportTestData.ScalarAsync(hub, "SELECT count(*) FROM import_batches"));
    }

    [Fact]
    public async Task A_neighbourhood_finds_its_ward_by_location()
    {
        var (import, wards) = await StartAsync();
        var (lon, lat) = ImportTestData.Centre(2);
        var kp = Feature("KP-3-1", "Khu phố 1", "khu_pho", "2022-01-01", Rectangle(lon - 0.005, lat - 0.005, 0.004, 0.004));

        var result = await import.ImportBoundariesAsync(Collection(kp), "kp.geojson");

        Assert.True(result.Accepted, string.Join("\n", result.Errors));
        Assert.Equal(wards["Phường 3"], await ImportTestData.ScalarAsync(hub, "SELECT ward_id FROM neighborhoods WHERE code = 'KP-3-1' AND kind = 'KhuPho'"));
    }
}
