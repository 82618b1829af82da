using DtHub.Api.Tests.Infrastructure;
using Snapshooter.Xunit;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>Representative queries over the Vũng Tàu demo data, pinned as snapshots (stable ordering).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DemoQuerySnapshotTests(HubDatabase hub) : IAsyncLifetime
{
    public Task InitializeAsync() => hub.UseDemoDataAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Ward_table_of_june_2022()
    {
        var result = await hub.Api.ExecuteAsync("""
            { wards(first: 50, order: [{ name: ASC }]) {
                totalCount pageInfo { hasNextPage }
                nodes { code name kind
                        reports(first: 1, where: { month: { eq: "2022-06" } }) {
                          nodes { month households population residents15Plus accountHolders15Plus
                                  accountOwnershipRate qualityFlags isSynthetic } } } } }
            """);
        Snapshot.Match(SnapshotText.Of(result));
    }

    [Fact]
    public async Task Merchants_near_a_point_with_distances()
    {
        var result = await hub.Api.ExecuteAsync("""
            query Near($p: GeoJSON!) {
              merchants(first: 100, where: { location: { distance: { geometry: $p, lte: 500 } } }, order: [{ nearest: $p }]) {
                totalCount nodes { name category acceptsQr location ward { name } } } }
            """, new { p = new { type = "Point", coordinates = new[] { 107.0845, 10.3460 } } });
        Snapshot.Match(SnapshotText.Of(result));
    }
}
