using DtHub.Api.Features.Gaps;
using Npgsql;

namespace DtHub.Bench.Running;

/// <summary>Issue 8's two remaining questions: merchants without QR in a drawn polygon, and one ward's gap report.</summary>
public sealed partial class Scenarios
{
    private const string DtHubWithoutQr = """
        query WithoutQr($area: GeoJSON!) { gaps { merchantsWithoutQrByCategory(area: $area) { category merchants } } }
        """;

    // The 5.5 km box as one polygon: a GeoJSON variable for the API, a geometry parameter for the floor.
    private double[][] BboxRing =>
        [[at.Bbox[0], at.Bbox[1]], [at.Bbox[2], at.Bbox[1]], [at.Bbox[2], at.Bbox[3]], [at.Bbox[0], at.Bbox[3]], [at.Bbox[0], at.Bbox[1]]];

    private object BboxPolygon => new { type = "Polygon", coordinates = new[] { BboxRing } };

    private NetTopologySuite.Geometries.Polygon BboxGeometry =>
        new NetTopologySuite.Geometries.GeometryFactory(new(), 4326).CreatePolygon(BboxRing.Select(p => new NetTopologySuite.Geometries.Coordinate(p[0], p[1])).ToArray());

    private Scenario WithoutQrByCategory() => new("gaps-without-qr-by-category",
        "Merchants without QR inside a drawn polygon (the 5.5 km box in the city centre), counted by category",
        Floor: async () =>
        {
            // The API's statement and setting: planned for a concrete polygon, this count otherwise starts two parallel
            // workers (37 ms at national scale instead of 4–6 ms).
            await using var batch = db.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand(GapQueries.WithoutParallelWorkers));
            var count = new NpgsqlBatchCommand(GapQueries.MerchantsWithoutQrByCategorySql);
            count.Parameters.AddWithValue("area", BboxGeometry);
            batch.BatchCommands.Add(count);
            await using var reader = await batch.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { reader.GetString(0); reader.GetInt32(1); }
        },
        DtHub: () => dthub.QueryAsync(DtHubWithoutQr, new { area = BboxPolygon }),
        PostGraphile: null,
        Runs: quick ? 30 : 60);

    /// <summary>
    /// The ward's gap report as GeoJSON (<c>/exports/gaps/wards/{code}.geojson</c>). Its floor runs the same statements
    /// straight through Npgsql (the API's <see cref="GapQueries"/>) and reads every row, without building the
    /// FeatureCollection.
    /// </summary>
    private Scenario WardGapReport()
    {
        var url = new Uri(new Uri(dthub.Url), $"/exports/gaps/wards/{at.WardCode}.geojson?month={at.Month}");
        var gaps = new GapQueries(db);
        return new("gaps-ward-report", $"One ward's gap report for {at.Month} as a GeoJSON FeatureCollection ({at.WardCode})",
            Floor: async () =>
            {
                var wardId = (await gaps.CurrentWardIdAsync(at.WardCode, CancellationToken.None))!.Value;
                foreach (var indicator in Enum.GetValues<GapIndicator>())
                    await gaps.UnitsBelowTargetAsync(GapLevel.Ward, indicator, at.MonthDate, wardId, CancellationToken.None);
                await gaps.NeighborhoodsWithoutTeamAsync(wardId, CancellationToken.None);
                var streets = (await gaps.StreetsBelowTargetAsync(wardId, CancellationToken.None)).Rows;
                await gaps.MerchantsHoldingBackAsync(streets.Select(s => s.ModelStreetId).ToList(), CancellationToken.None);
                await gaps.WifiGapsAsync(300, 50, wardId, CancellationToken.None);
            },
            DtHub: Get(url),
            PostGraphile: null,
            Runs: quick ? 30 : 60);
    }
}
